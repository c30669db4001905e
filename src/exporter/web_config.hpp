// SPDX-License-Identifier: MIT
#pragma once

#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "http_server.hpp"

namespace vitalsd::exporter {

/// A web configuration file that cannot be used; the message names what is wrong.
class WebConfigError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// What a web configuration file asks for, in the format of Prometheus' own exporters
/// (https://github.com/prometheus/exporter-toolkit/blob/master/docs/web-configuration.md):
/// TLS from tls_server_config's cert_file and key_file, and basic_auth_users, each user's bcrypt
/// hash. Settings it does not carry out (client certificates, cipher suites, headers) are
/// refused rather than ignored.
struct WebConfig {
    std::optional<TlsFiles> tls;  // with GnuTLS priorities for min_version and max_version
    std::map<std::string, std::string> users;  // name -> bcrypt hash
};

/// Returns the configuration of a file's text; relative file names are taken from base_dir, as
/// exporter-toolkit does. Throws WebConfigError.
WebConfig parse_web_config(std::string_view yaml, const std::string& base_dir);

/// Returns the configuration of the file at path. Throws WebConfigError.
WebConfig read_web_config(const std::string& path);

/// Returns whether password hashes to the bcrypt hash ($2a$, $2b$, $2y$).
bool password_matches(const std::string& password, const std::string& hash);

/// HTTP basic authentication against the users of a web configuration. A bcrypt check takes
/// tens of milliseconds by design: credentials that passed are remembered, so that a scraper
/// pays it once, not every scrape.
class BasicAuth {
public:
    explicit BasicAuth(std::map<std::string, std::string> users) : users_(std::move(users)) {}

    /// Returns whether a request with this Authorization header may pass: always when there
    /// are no users.
    bool allows(const std::string& authorization);

private:
    std::map<std::string, std::string> users_;
    std::vector<std::string> passed_;  // "user:password" that matched, at most 16
};

}  // namespace vitalsd::exporter
