// SPDX-License-Identifier: MIT
#pragma once

#include <glib.h>

#include <functional>
#include <string>

namespace sdbus {
class IConnection;
}

namespace vitalsd::monitor {

/// Dispatches an sdbus-c++ connection from the GLib main loop, on the GUI's one thread: a GSource
/// that polls the connection's file descriptor with the events and the deadline sd-bus asks for,
/// and runs processPendingRequest() when either is due. The loop sleeps in between, so an idle
/// connection costs nothing; there is no thread and no polling timer.
class BusEventSource {
public:
    /// Called once, from dispatching, when the connection fails (the bus has gone); the source
    /// then stops watching it. The text says why. It must not destroy the source.
    using FailureHandler = std::function<void(const std::string& why)>;

    /// Attaches to the thread-default main context. The connection must outlive the source.
    BusEventSource(sdbus::IConnection& connection, FailureHandler on_failure);
    ~BusEventSource();
    BusEventSource(const BusEventSource&) = delete;
    BusEventSource& operator=(const BusEventSource&) = delete;

private:
    struct Source;
    static gboolean prepare(GSource* source, gint* timeout_ms);
    static gboolean check(GSource* source);
    static gboolean dispatch(GSource* source, GSourceFunc, gpointer);

    const FailureHandler on_failure_;
    Source* source_ = nullptr;
};

}  // namespace vitalsd::monitor
