// SPDX-License-Identifier: MIT
#include "web_config.hpp"

#include <crypt.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cstring>
#include <fstream>
#include <sstream>

namespace vitalsd::exporter {
namespace {

// Distinct credentials remembered as passed; more are checked with bcrypt each time.
constexpr std::size_t kRemembered = 16;

// Returns whether two strings are equal, in a time that does not say where they differ.
bool equal_in_constant_time(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) {
        return false;
    }
    unsigned char differ = 0;
    for (std::size_t i = 0; i < a.size(); ++i) {
        differ |= static_cast<unsigned char>(a[i] ^ b[i]);
    }
    return differ == 0;
}

// Returns the bytes of standard base64 text (RFC 4648), none when it is not that.
std::optional<std::string> base64_decode(std::string_view text) {
    std::string out;
    unsigned buffer = 0;
    int bits = 0;
    std::size_t padding = 0;
    for (const char c : text) {
        int value = -1;
        if (c >= 'A' && c <= 'Z') {
            value = c - 'A';
        } else if (c >= 'a' && c <= 'z') {
            value = c - 'a' + 26;
        } else if (c >= '0' && c <= '9') {
            value = c - '0' + 52;
        } else if (c == '+') {
            value = 62;
        } else if (c == '/') {
            value = 63;
        } else if (c == '=') {
            ++padding;
            continue;
        }
        if (value < 0 || padding > 0) {
            return std::nullopt;
        }
        buffer = (buffer << 6) | static_cast<unsigned>(value);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out += static_cast<char>((buffer >> bits) & 0xFF);
        }
    }
    if (padding > 2 || (text.size() % 4) != 0) {
        return std::nullopt;
    }
    return out;
}

std::string read_file(const std::string& path, const char* what) {
    std::ifstream file(path);
    if (!file) {
        throw WebConfigError(std::string("cannot read the ") + what + " " + path);
    }
    std::ostringstream text;
    text << file.rdbuf();
    return text.str();
}

std::string path_from(const std::string& base_dir, const std::string& name) {
    return name.starts_with('/') || base_dir.empty() ? name : base_dir + "/" + name;
}

std::string priorities(const std::string& min, const std::string& max) {
    const auto rank = [](const std::string& version, int otherwise) {
        if (version.empty()) {
            return otherwise;
        }
        if (version == "TLS10") {
            return 0;
        }
        if (version == "TLS11") {
            return 1;
        }
        if (version == "TLS12") {
            return 2;
        }
        if (version == "TLS13") {
            return 3;
        }
        throw WebConfigError("unknown TLS version '" + version + "' (TLS10 to TLS13)");
    };
    const int low = rank(min, 2);  // exporter-toolkit's default minimum is TLS 1.2
    const int high = rank(max, 3);
    if (low > high) {
        throw WebConfigError("min_version is above max_version");
    }
    std::string text = "NORMAL:-VERS-ALL";
    for (int v = low; v <= high; ++v) {
        text += v == 3 ? ":+VERS-TLS1.3" : ":+VERS-TLS1." + std::to_string(v);
    }
    return text;
}

void refuse_unknown(const YAML::Node& map, std::initializer_list<std::string_view> known,
                    const std::string& where) {
    for (const auto& item : map) {
        const auto key = item.first.as<std::string>();
        if (std::find(known.begin(), known.end(), key) == known.end()) {
            throw WebConfigError(where + key + " is not supported");
        }
    }
}

}  // namespace

WebConfig parse_web_config(std::string_view yaml, const std::string& base_dir) {
    WebConfig config;
    try {
        const auto root = YAML::Load(std::string(yaml));
        if (root.IsNull()) {
            return config;
        }
        if (!root.IsMap()) {
            throw WebConfigError("the web configuration is not a mapping");
        }
        refuse_unknown(root, {"tls_server_config", "http_server_config", "basic_auth_users"}, "");
        if (const auto tls = root["tls_server_config"]; tls && !tls.IsNull()) {
            refuse_unknown(
                tls, {"cert_file", "key_file", "client_auth_type", "min_version", "max_version"},
                "tls_server_config: ");
            const auto client_auth = tls["client_auth_type"].as<std::string>("NoClientCert");
            if (client_auth != "NoClientCert") {
                throw WebConfigError("tls_server_config: client_auth_type " + client_auth +
                                     " is not supported (NoClientCert only)");
            }
            const auto cert = tls["cert_file"].as<std::string>("");
            const auto key = tls["key_file"].as<std::string>("");
            if (cert.empty() || key.empty()) {
                throw WebConfigError("tls_server_config needs cert_file and key_file");
            }
            config.tls = TlsFiles{read_file(path_from(base_dir, cert), "certificate"),
                                  read_file(path_from(base_dir, key), "key"),
                                  priorities(tls["min_version"].as<std::string>(""),
                                             tls["max_version"].as<std::string>(""))};
        }
        if (const auto http = root["http_server_config"]; http && !http.IsNull()) {
            // HTTP/2 is not served here: asking for it (the default) changes nothing.
            refuse_unknown(http, {"http2"}, "http_server_config: ");
        }
        if (const auto users = root["basic_auth_users"]; users && !users.IsNull()) {
            if (!users.IsMap()) {
                throw WebConfigError("basic_auth_users is not a mapping of users to hashes");
            }
            for (const auto& user : users) {
                const auto name = user.first.as<std::string>();
                const auto hash = user.second.as<std::string>("");
                if (!(hash.starts_with("$2a$") || hash.starts_with("$2b$") ||
                      hash.starts_with("$2y$"))) {
                    throw WebConfigError("basic_auth_users: " + name +
                                         "'s password is not a bcrypt hash");
                }
                config.users[name] = hash;
            }
        }
    } catch (const YAML::Exception& e) {
        throw WebConfigError(std::string("not YAML as expected: ") + e.what());
    }
    return config;
}

WebConfig read_web_config(const std::string& path) {
    const auto slash = path.rfind('/');
    return parse_web_config(read_file(path, "web configuration"),
                            slash == std::string::npos ? "" : path.substr(0, slash));
}

bool password_matches(const std::string& password, const std::string& hash) {
    // libxcrypt's crypt_rn, which fails with NULL rather than a "*0" string, and which the
    // sanitizers do not intercept (their crypt_r interceptor calls nothing where libcrypt is
    // linked as needed).
    crypt_data data{};
    const char* computed = crypt_rn(password.c_str(), hash.c_str(), &data, sizeof data);
    return computed != nullptr && equal_in_constant_time(computed, hash);
}

bool BasicAuth::allows(const std::string& authorization) {
    if (users_.empty()) {
        return true;
    }
    constexpr std::string_view kBasic = "Basic ";
    if (!authorization.starts_with(kBasic)) {
        return false;
    }
    const auto decoded = base64_decode(authorization.substr(kBasic.size()));
    const auto colon = decoded ? decoded->find(':') : std::string::npos;
    if (colon == std::string::npos) {
        return false;
    }
    for (const auto& passed : passed_) {
        if (equal_in_constant_time(passed, *decoded)) {
            return true;
        }
    }
    const auto user = users_.find(decoded->substr(0, colon));
    if (user == users_.end() || !password_matches(decoded->substr(colon + 1), user->second)) {
        return false;
    }
    if (passed_.size() < kRemembered) {
        passed_.push_back(*decoded);
    }
    return true;
}

}  // namespace vitalsd::exporter
