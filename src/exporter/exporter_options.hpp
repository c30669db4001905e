// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "bus_choice.hpp"

namespace vitalsd::exporter {

/// The port vitals-exporter listens on unless told otherwise. Prometheus keeps a list of the
/// exporters' default ports (its wiki's "Default port allocations"), whose range 9100-9999 is
/// full; allocations go on above 10000, and this one is past those in use.
inline constexpr std::uint16_t kDefaultPort = 10129;

/// Where to listen: a numeric IPv4 or IPv6 address (no names, which would need a resolver) and a
/// port, 0 for any free one.
struct ListenAddress {
    std::string host = "127.0.0.1";
    std::uint16_t port = kDefaultPort;
    bool ipv6 = false;
};

/// Everything the command line asks for.
struct ExporterOptions {
    BusChoice bus = BusChoice::System;
    std::optional<ListenAddress> listen;     // --listen; none: the socket systemd hands over
    std::optional<unsigned> idle_timeout_s;  // --idle-timeout; none: the default of the mode
    std::size_t max_applications = 0;        // --applications
    std::string web_config;                  // --web-config: a file, "" for none
    unsigned max_connections = 64;           // --max-connections
    bool show_help = false;
    bool show_version = false;
};

/// A command line that cannot be carried out; the message is fit for the user.
class UsageError : public std::invalid_argument {
public:
    using std::invalid_argument::invalid_argument;
};

/// Parses "ADDRESS:PORT" ("127.0.0.1:10129", "[::1]:10129", "0.0.0.0:10129"). Throws UsageError.
ListenAddress parse_listen_address(const std::string& text);

/// Parses the arguments after the program name. Throws UsageError.
ExporterOptions parse_exporter_options(const std::vector<std::string>& args);

/// Returns the --help text.
std::string exporter_usage_text();

}  // namespace vitalsd::exporter
