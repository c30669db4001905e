// SPDX-License-Identifier: MIT
#include "service_status.hpp"

#include <systemd/sd-daemon.h>

namespace vitalsd {
namespace {

std::string counted(std::size_t n, const char* thing) {
    return std::to_string(n) + " " + thing + (n == 1 ? "" : "s");
}

}  // namespace

std::string status_line(const Activity& activity) {
    if (activity.clients > 0) {
        return "sampling " + counted(activity.sensors, "sensor") + " every " +
               std::to_string(activity.interval_ms) + " ms for " +
               counted(activity.clients, "client");
    }
    if (activity.idle_timeout_s == 0) {
        return "idle, waiting for clients";
    }
    return "idle, exiting in " + std::to_string(activity.idle_timeout_s) + " s";
}

void StatusNotifier::update(const std::string& line) {
    if (line == sent_) {
        return;
    }
    sent_ = line;
    sd_notify(0, ("STATUS=" + line).c_str());
}

}  // namespace vitalsd
