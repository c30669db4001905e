// SPDX-License-Identifier: MIT
#include "exporter_process.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <stdexcept>

namespace vitalsd::test {
namespace {

std::vector<std::string> command(const std::vector<std::string>& args, bool listen) {
    std::vector<std::string> argv = {exporter_binary(), "--session"};
    bool has_listen = false;
    for (const auto& arg : args) {
        has_listen = has_listen || arg == "--listen";
    }
    if (listen && !has_listen) {
        argv.insert(argv.end(), {"--listen", "127.0.0.1:0"});
    }
    argv.insert(argv.end(), args.begin(), args.end());
    return argv;
}

ChildOptions options_for(const PrivateBus& bus) {
    ChildOptions options;
    options.env = {{"DBUS_SESSION_BUS_ADDRESS", bus.address()},
                   {"LISTEN_FDS", std::nullopt},
                   {"LISTEN_PID", std::nullopt}};
    options.err = ChildOptions::Stream::Pipe;
    options.die_with_parent = true;
    return options;
}

}  // namespace

std::string exporter_binary() {
    return env_or_fail("VITALS_EXPORTER_BINARY");
}

ExporterProcess::ExporterProcess(const PrivateBus& bus, const std::vector<std::string>& args)
    : child_(command(args, true), options_for(bus)) {
    find_port();
}

ExporterProcess::ExporterProcess(Activated, const PrivateBus& bus, int listen_fd,
                                 const std::vector<std::string>& args)
    : child_(command(args, false), [&] {
          auto options = options_for(bus);
          options.env["LISTEN_FDS"] = "1";
          options.fd3 = listen_fd;
          options.in_child = [] {
              return ::setenv("LISTEN_PID", std::to_string(::getpid()).c_str(), 1) == 0;
          };
          return options;
      }()) {
    find_port();
}

void ExporterProcess::find_port() {
    constexpr std::string_view kServing = "serving /metrics on 127.0.0.1:";
    if (!child_.read_until(
            [&](const std::string&) {
                const auto& err = child_.errors();
                const auto at = err.find(kServing);
                return at != std::string::npos && err.find('\n', at) != std::string::npos;
            },
            std::chrono::seconds(10))) {
        return;  // it failed: the test reads why from errors()
    }
    const auto& err = child_.errors();
    port_ = static_cast<std::uint16_t>(std::stoi(err.substr(err.find(kServing) + kServing.size())));
}

std::optional<int> ExporterProcess::wait(std::chrono::milliseconds timeout) {
    const auto status = child_.wait(timeout);
    if (!status || !WIFEXITED(*status)) {
        return std::nullopt;
    }
    return WEXITSTATUS(*status);
}

int listening_socket(std::uint16_t& port) {
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    if (fd < 0 || ::bind(fd, reinterpret_cast<sockaddr*>(&address), length) != 0 ||
        ::listen(fd, SOMAXCONN) != 0 ||
        ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
        throw std::runtime_error("cannot make a listening socket");
    }
    port = ntohs(address.sin_port);
    return fd;
}

}  // namespace vitalsd::test
