// SPDX-License-Identifier: MIT
#include "exporter_options.hpp"

#include <arpa/inet.h>
#include <getopt.h>

#include "arg_vector.hpp"
#include "whole_number.hpp"

namespace vitalsd::exporter {
namespace {

enum : int {
    ARG_LISTEN = 0x100,
    ARG_SESSION,
    ARG_SYSTEM,
    ARG_IDLE_TIMEOUT,
    ARG_APPLICATIONS,
    ARG_WEB_CONFIG,
    ARG_MAX_CONNECTIONS,
};

constexpr option kOptions[] = {
    {"listen", required_argument, nullptr, ARG_LISTEN},
    {"session", no_argument, nullptr, ARG_SESSION},
    {"user", no_argument, nullptr, ARG_SESSION},
    {"system", no_argument, nullptr, ARG_SYSTEM},
    {"idle-timeout", required_argument, nullptr, ARG_IDLE_TIMEOUT},
    {"applications", required_argument, nullptr, ARG_APPLICATIONS},
    {"web-config", required_argument, nullptr, ARG_WEB_CONFIG},
    {"max-connections", required_argument, nullptr, ARG_MAX_CONNECTIONS},
    {"help", no_argument, nullptr, 'h'},
    {"version", no_argument, nullptr, 'V'},
    {},
};

template <typename Number>
Number whole_number(const std::string& option, const std::string& text, Number min, Number max) {
    const auto value = vitalsd::whole_number<Number>(text);
    if (!value || *value < min || *value > max) {
        throw UsageError(option + " wants a whole number from " + std::to_string(min) + " to " +
                         std::to_string(max) + ", not '" + text + "'");
    }
    return *value;
}

}  // namespace

ListenAddress parse_listen_address(const std::string& text) {
    const auto colon = text.rfind(':');
    if (colon == std::string::npos) {
        throw UsageError("--listen wants ADDRESS:PORT, not '" + text + "'");
    }
    ListenAddress address;
    address.host = text.substr(0, colon);
    if (address.host.size() >= 2 && address.host.front() == '[' && address.host.back() == ']') {
        address.host = address.host.substr(1, address.host.size() - 2);
        address.ipv6 = true;
    }
    unsigned char buffer[sizeof(in6_addr)];
    const bool numeric = address.ipv6 ? inet_pton(AF_INET6, address.host.c_str(), buffer) == 1
                                      : inet_pton(AF_INET, address.host.c_str(), buffer) == 1;
    if (!numeric) {
        throw UsageError("--listen wants a numeric address (127.0.0.1, [::1]), not '" +
                         address.host + "'");
    }
    address.port = whole_number<std::uint16_t>("--listen's port", text.substr(colon + 1), 0, 65535);
    return address;
}

ExporterOptions parse_exporter_options(const std::vector<std::string>& args) {
    ArgVector argv("vitals-exporter", args);
    ExporterOptions options;
    opterr = 0;
    optind = 0;  // glibc: 0 starts over, so the parser can be called again
    for (;;) {
        const int c = getopt_long(argv.size(), argv.data(), "+:hV", kOptions, nullptr);
        if (c == -1) {
            break;
        }
        const std::string value = optarg != nullptr ? optarg : "";
        switch (c) {
            case ARG_LISTEN:
                options.listen = parse_listen_address(value);
                break;
            case ARG_SESSION:
                options.bus = BusChoice::User;
                break;
            case ARG_SYSTEM:
                options.bus = BusChoice::System;
                break;
            case ARG_IDLE_TIMEOUT:
                options.idle_timeout_s = whole_number<unsigned>("--idle-timeout", value, 0, 86400);
                break;
            case ARG_APPLICATIONS:
                options.max_applications =
                    whole_number<std::size_t>("--applications", value, 0, 1000);
                break;
            case ARG_WEB_CONFIG:
                options.web_config = value;
                break;
            case ARG_MAX_CONNECTIONS:
                options.max_connections =
                    whole_number<unsigned>("--max-connections", value, 1, 10000);
                break;
            case 'h':
                options.show_help = true;
                break;
            case 'V':
                options.show_version = true;
                break;
            case ':':
                throw UsageError(std::string(argv[optind - 1]) + " wants a value");
            default:
                throw UsageError("unknown option '" + std::string(argv[optind - 1]) + "'");
        }
    }
    if (optind < argv.size()) {
        throw UsageError("no arguments are taken, not '" + std::string(argv[optind]) + "'");
    }
    return options;
}

std::string exporter_usage_text() {
    return R"(Usage: vitals-exporter [OPTION]...
Serve this machine's vitals, read from vitalsd over D-Bus, to Prometheus at /metrics.

Without --listen, it takes the listening socket from systemd (vitals-exporter.socket), or
listens on 127.0.0.1:10129 when started by hand.

Options:
  --listen ADDRESS:PORT       listen there: 127.0.0.1:10129, [::1]:10129, 0.0.0.0:10129
  --system                    read vitalsd on the system bus (the default)
  --session, --user           read the user's own vitalsd on the session bus
  --idle-timeout SECONDS      exit after this long without a request (0: never; default 300
                              when systemd started it, else never)
  --applications N            also export the N groups of processes (applications, services,
                              containers) with the most memory (default 0: none)
  --web-config FILE           TLS and basic authentication, from a file in the format of
                              Prometheus' own exporters (exporter-toolkit's web-config.yml)
  --max-connections N         connections served at once (default 64)
  -h, --help                  print this help and exit
  -V, --version               print the version and exit
)";
}

}  // namespace vitalsd::exporter
