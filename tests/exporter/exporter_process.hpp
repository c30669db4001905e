// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "child_process.hpp"
#include "private_bus.hpp"

namespace vitalsd::test {

/// Returns the path of the vitals-exporter binary under test.
std::string exporter_binary();

/// vitals-exporter reading the service on a private bus (as its session bus), started with the
/// arguments given after --session; its standard error is piped.
class ExporterProcess {
public:
    /// Starts it listening on 127.0.0.1 on a free port (--listen 127.0.0.1:0 unless the
    /// arguments say where) and waits until it says where it serves.
    ExporterProcess(const PrivateBus& bus, const std::vector<std::string>& args = {});

    /// Starts it with a listening socket handed over as systemd does: descriptor 3,
    /// LISTEN_FDS=1 and LISTEN_PID its own pid.
    struct Activated {};
    ExporterProcess(Activated, const PrivateBus& bus, int listen_fd,
                    const std::vector<std::string>& args = {});

    std::uint16_t port() const { return port_; }
    Child& child() { return child_; }
    const std::string& errors() const { return child_.errors(); }

    /// Waits for it to exit; returns its exit status, none if it still runs or died of a signal.
    std::optional<int> wait(std::chrono::milliseconds timeout);

private:
    void find_port();

    Child child_;
    std::uint16_t port_ = 0;
};

/// Returns a listening socket on 127.0.0.1 and a free port, as a .socket unit would hold it.
int listening_socket(std::uint16_t& port);

}  // namespace vitalsd::test
