// SPDX-License-Identifier: MIT
#include "idle_exit.hpp"

#include <systemd/sd-daemon.h>

#include "log.hpp"
#include "name_owner.hpp"

namespace vitalsd {

IdleExit::IdleExit(EventLoop& loop, const Clock& clock, sdbus::IConnection& connection,
                   std::string name, std::uint32_t timeout_s, Load load)
    : loop_(loop),
      connection_(connection),
      name_(std::move(name)),
      countdown_(clock, timeout_s),
      load_(std::move(load)),
      timer_(loop, [this] { on_deadline(); }) {}

void IdleExit::touch() {
    if (exiting_) {
        finish_when_drained();
        return;
    }
    const auto deadline = countdown_.restart(load_.has_clients() || load_.pending_replies() > 0);
    if (!deadline) {
        timer_.disarm();
        return;
    }
    // Every call moves the deadline on. A timer already set is left at the earlier time and set
    // again when it fires, so that calls in a row cost no system call to re-arm it.
    if (!timer_.armed()) {
        timer_.arm_at(*deadline);
    }
}

void IdleExit::on_deadline() {
    if (!countdown_.due()) {
        timer_.arm_at(*countdown_.deadline_usec());
        return;
    }
    begin("idle for " + std::to_string(countdown_.timeout_s()) + " s");
}

void IdleExit::begin(const std::string& why) {
    if (exiting_) {
        return;
    }
    exiting_ = true;
    timer_.disarm();
    log_notice("exiting: " + why);
    // The service manager queues start requests from now on instead of thinking we still serve.
    sd_notify(0, ("STOPPING=1\nSTATUS=exiting: " + why).c_str());
    try {
        // The match must be in place before the release, or the confirmation could be missed.
        name_gone_match_ = watch_name_owner(
            connection_, name_, [this](const std::string&, const std::string& new_owner) {
                if (new_owner != connection_.getUniqueName()) {
                    name_gone_ = true;
                    finish_when_drained();
                }
            });
        connection_.releaseName(name_);
    } catch (const sdbus::Error& e) {
        // Without the name there is nothing to hand over: go once the queue is answered.
        log_warning("releasing " + name_ + ": " + e.getMessage());
        name_gone_ = true;
        loop_.post([this] { finish_when_drained(); });
    }
}

void IdleExit::finish_when_drained() {
    if (name_gone_ && load_.pending_replies() == 0) {
        loop_.exit(0);
    }
}

}  // namespace vitalsd
