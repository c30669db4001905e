// SPDX-License-Identifier: MIT
// vitals-exporter: vitalsd's figures for Prometheus, over HTTP.
#include <poll.h>
#include <sys/signalfd.h>
#include <systemd/sd-daemon.h>
#include <unistd.h>

#include <csignal>
#include <cstdio>
#include <exception>

#include "config.h"
#include "exporter_options.hpp"
#include "http_server.hpp"
#include "listen_socket.hpp"
#include "scraper.hpp"
#include "web_config.hpp"

namespace {

using namespace vitalsd;
using namespace vitalsd::exporter;
using Clock = std::chrono::steady_clock;

// Without a request for this long, a socket-activated exporter exits: the socket stays with
// systemd, which starts it again for the next scrape.
constexpr unsigned kActivatedIdleTimeoutS = 300;
// How long connections open at exit may take to finish.
constexpr std::chrono::seconds kDrainTime{2};

// Returns the socket systemd handed over, or none. Throws std::runtime_error for more than one,
// or for one that is no listening stream socket.
std::optional<int> socket_from_systemd() {
    const int count = sd_listen_fds(1);
    if (count <= 0) {
        return std::nullopt;
    }
    if (count > 1 || sd_is_socket(SD_LISTEN_FDS_START, AF_UNSPEC, SOCK_STREAM, 1) <= 0) {
        throw std::runtime_error("systemd must hand over one listening stream socket");
    }
    return SD_LISTEN_FDS_START;
}

int signal_fd() {
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGTERM);
    sigaddset(&signals, SIGINT);
    sigprocmask(SIG_BLOCK, &signals, nullptr);
    return signalfd(-1, &signals, SFD_CLOEXEC | SFD_NONBLOCK);
}

int serve(const ExporterOptions& options) {
    const auto activated = socket_from_systemd();
    if (activated && options.listen) {
        throw std::runtime_error("--listen and a socket from systemd: give one or the other");
    }
    const int listen_fd =
        activated ? *activated : open_listen_socket(options.listen.value_or(ListenAddress{}));
    const unsigned idle_timeout_s =
        options.idle_timeout_s.value_or(activated ? kActivatedIdleTimeoutS : 0);

    const auto web = options.web_config.empty() ? WebConfig{} : read_web_config(options.web_config);
    BasicAuth auth(web.users);
    Scraper scraper(options.bus, ExportOptions{options.max_applications});
    HttpLimits limits;
    limits.max_connections = options.max_connections;
    limits.max_connections_per_ip = std::max(1u, options.max_connections / 4);
    HttpServer server(
        listen_fd,
        [&](const HttpRequest& request) {
            if (!auth.allows(request.authorization)) {
                return unauthorized();
            }
            return route(request, [&](ExpositionFormat format) { return scraper.scrape(format); });
        },
        limits, web.tls);
    const int signals = signal_fd();
    std::fprintf(stderr, "vitals-exporter: serving /metrics on %s\n",
                 bound_address(listen_fd).c_str());

    for (;;) {
        int timeout = -1;
        if (const auto ms = server.timeout_ms()) {
            timeout = static_cast<int>(std::min<std::uint64_t>(*ms, 60'000));
        }
        if (idle_timeout_s > 0) {
            const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                server.last_request() + std::chrono::seconds(idle_timeout_s) - Clock::now());
            const int left_ms = static_cast<int>(std::max<long long>(left.count(), 0) + 1);
            timeout = timeout < 0 ? left_ms : std::min(timeout, left_ms);
        }
        pollfd fds[] = {{server.fd(), POLLIN, 0}, {signals, POLLIN, 0}};
        if (poll(fds, 2, timeout) < 0 && errno != EINTR) {
            throw std::system_error(errno, std::generic_category(), "poll");
        }
        if (fds[1].revents != 0) {
            break;
        }
        server.run();
        if (idle_timeout_s > 0 && server.connections() == 0 &&
            Clock::now() - server.last_request() >= std::chrono::seconds(idle_timeout_s)) {
            break;
        }
    }
    // Let the connections open now finish; new ones wait in the socket's queue, for the next
    // instance when systemd holds the socket.
    server.stop_accepting();
    const auto deadline = Clock::now() + kDrainTime;
    while (server.connections() > 0 && Clock::now() < deadline) {
        pollfd fd = {server.fd(), POLLIN, 0};
        poll(&fd, 1, 100);
        server.run();
    }
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    ExporterOptions options;
    try {
        options = parse_exporter_options(std::vector<std::string>(argv + 1, argv + argc));
    } catch (const UsageError& e) {
        std::fprintf(stderr, "vitals-exporter: %s\nTry 'vitals-exporter --help'.\n", e.what());
        return 2;
    }
    if (options.show_help) {
        std::fputs(exporter_usage_text().c_str(), stdout);
        return 0;
    }
    if (options.show_version) {
        std::printf("vitals-exporter %s\n", VITALSD_VERSION);
        return 0;
    }
    try {
        return serve(options);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "vitals-exporter: %s\n", e.what());
        return 1;
    }
}
