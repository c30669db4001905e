// SPDX-License-Identifier: MIT
#include "bus_event_source.hpp"

#include <poll.h>
#include <sdbus-c++/sdbus-c++.h>

namespace vitalsd::monitor {

struct BusEventSource::Source {
    GSource base;  // first: GLib allocates the whole struct and hands back this part
    sdbus::IConnection* connection;
    gpointer fd_tag;
    gushort events;
    const FailureHandler* on_failure;  // the owner's
};

namespace {

gushort glib_events(short poll_events) {
    gushort events = 0;
    if (poll_events & POLLIN) {
        events |= G_IO_IN;
    }
    if (poll_events & POLLOUT) {
        events |= G_IO_OUT;
    }
    return events;
}

}  // namespace

BusEventSource::BusEventSource(sdbus::IConnection& connection, FailureHandler on_failure)
    : on_failure_(std::move(on_failure)) {
    // GLib keeps a pointer to the functions for the life of the source.
    static GSourceFuncs functions = {&BusEventSource::prepare,
                                     &BusEventSource::check,
                                     &BusEventSource::dispatch,
                                     nullptr,
                                     nullptr,
                                     nullptr};
    source_ = reinterpret_cast<Source*>(g_source_new(&functions, sizeof(Source)));
    source_->connection = &connection;
    source_->on_failure = &on_failure_;
    const auto poll_data = connection.getEventLoopPollData();
    source_->events = glib_events(poll_data.events);
    source_->fd_tag = g_source_add_unix_fd(&source_->base, poll_data.fd,
                                           static_cast<GIOCondition>(source_->events));
    g_source_set_name(&source_->base, "sdbus-c++ connection");
    g_source_attach(&source_->base, nullptr);
}

BusEventSource::~BusEventSource() {
    g_source_destroy(&source_->base);
    g_source_unref(&source_->base);
}

gboolean BusEventSource::prepare(GSource* base, gint* timeout_ms) {
    auto* source = reinterpret_cast<Source*>(base);
    const auto poll_data = source->connection->getEventLoopPollData();
    // sd-bus asks for POLLOUT only while it has unsent messages; watching it always would wake
    // the loop at once, over and over.
    const auto events = glib_events(poll_data.events);
    if (events != source->events) {
        source->events = events;
        g_source_modify_unix_fd(base, source->fd_tag, static_cast<GIOCondition>(events));
    }
    // A deadline of 0 also means sd-bus holds messages it has read already: dispatch them now.
    *timeout_ms = poll_data.getPollTimeout();
    return *timeout_ms == 0;
}

gboolean BusEventSource::check(GSource* base) {
    auto* source = reinterpret_cast<Source*>(base);
    if (g_source_query_unix_fd(base, source->fd_tag) != 0) {
        return TRUE;
    }
    return source->connection->getEventLoopPollData().getPollTimeout() == 0;
}

gboolean BusEventSource::dispatch(GSource* base, GSourceFunc, gpointer) {
    auto* source = reinterpret_cast<Source*>(base);
    try {
        while (source->connection->processPendingRequest()) {
        }
    } catch (const sdbus::Error& e) {
        (*source->on_failure)(e.getMessage());
        return G_SOURCE_REMOVE;
    }
    return G_SOURCE_CONTINUE;
}

}  // namespace vitalsd::monitor
