// SPDX-License-Identifier: MIT
// libmicrohttpd, as systemd-journal-gatewayd uses it: https://www.gnu.org/software/libmicrohttpd/
#include "http_server.hpp"

#include <microhttpd.h>
#include <sys/socket.h>

#include <algorithm>

#include <stdexcept>

namespace vitalsd::exporter {
namespace {

// Marks a connection whose headers have come, so that its body (if any) is not taken for a
// second request.
int kHeadersSeen = 0;

std::string header(MHD_Connection* connection, const char* name) {
    const char* value = MHD_lookup_connection_value(connection, MHD_HEADER_KIND, name);
    return value != nullptr ? value : "";
}

}  // namespace

HttpServer::HttpServer(int listen_fd, Handler handler, const HttpLimits& limits,
                       const std::optional<TlsFiles>& tls)
    : handler_(std::move(handler)),
      request_deadline_(limits.request_deadline_s),
      last_request_(std::chrono::steady_clock::now()) {
    unsigned flags = MHD_USE_EPOLL | MHD_USE_ERROR_LOG | MHD_USE_SUPPRESS_DATE_NO_CLOCK;
    if (tls) {
        flags |= MHD_USE_TLS;
    }
    MHD_OptionItem options[] = {
        {MHD_OPTION_LISTEN_SOCKET, listen_fd, nullptr},
        {MHD_OPTION_CONNECTION_LIMIT, limits.max_connections, nullptr},
        {MHD_OPTION_PER_IP_CONNECTION_LIMIT, limits.max_connections_per_ip, nullptr},
        {MHD_OPTION_CONNECTION_TIMEOUT, limits.idle_timeout_s, nullptr},
        {MHD_OPTION_CONNECTION_MEMORY_LIMIT, static_cast<intptr_t>(limits.max_request_bytes),
         nullptr},
        {MHD_OPTION_NOTIFY_CONNECTION, reinterpret_cast<intptr_t>(&HttpServer::notify), this},
        {MHD_OPTION_HTTPS_MEM_CERT, 0,
         tls ? const_cast<char*>(tls->certificate_pem.c_str()) : nullptr},
        {MHD_OPTION_HTTPS_MEM_KEY, 0, tls ? const_cast<char*>(tls->key_pem.c_str()) : nullptr},
        {MHD_OPTION_HTTPS_PRIORITIES, 0,
         tls && !tls->priorities.empty() ? const_cast<char*>(tls->priorities.c_str()) : nullptr},
        {MHD_OPTION_END, 0, nullptr},
    };
    if (!tls) {
        options[6] = {MHD_OPTION_END, 0, nullptr};
    } else if (tls->priorities.empty()) {
        options[8] = {MHD_OPTION_END, 0, nullptr};
    }
    // The port argument is not used with a socket of the caller's.
    daemon_ = MHD_start_daemon(flags, 0, nullptr, nullptr, &HttpServer::answer, this,
                               MHD_OPTION_ARRAY, options, MHD_OPTION_END);
    if (daemon_ == nullptr) {
        throw std::runtime_error("the HTTP server cannot start on the listening socket");
    }
}

HttpServer::~HttpServer() {
    MHD_stop_daemon(daemon_);
}

int HttpServer::fd() const {
    return MHD_get_daemon_info(daemon_, MHD_DAEMON_INFO_EPOLL_FD)->epoll_fd;
}

std::optional<std::uint64_t> HttpServer::timeout_ms() const {
    std::optional<std::uint64_t> timeout;
    MHD_UNSIGNED_LONG_LONG mhd_timeout = 0;
    if (MHD_get_timeout(daemon_, &mhd_timeout) == MHD_YES) {
        timeout = static_cast<std::uint64_t>(mhd_timeout);
    }
    // Wake for the first deadline of a connection too.
    const auto now = std::chrono::steady_clock::now();
    for (const auto& [connection, open] : open_) {
        if (open.fd >= 0) {
            const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                open.since + request_deadline_ - now);
            const auto ms = static_cast<std::uint64_t>(std::max<long long>(left.count(), 0));
            timeout = timeout ? std::min(*timeout, ms) : ms;
        }
    }
    return timeout;
}

void HttpServer::run() {
    MHD_run(daemon_);
    // A connection past its deadline is shut down under libmicrohttpd, which then finds it
    // closed and cleans it up as any other.
    const auto now = std::chrono::steady_clock::now();
    bool cut = false;
    for (auto& [connection, open] : open_) {
        if (open.fd >= 0 && now - open.since >= request_deadline_) {
            ::shutdown(open.fd, SHUT_RDWR);
            open.fd = -1;
            cut = true;
        }
    }
    if (cut) {
        MHD_run(daemon_);
    }
}

void HttpServer::notify(void* self_pointer, MHD_Connection* connection, void**,
                        MHD_ConnectionNotificationCode code) {
    auto& self = *static_cast<HttpServer*>(self_pointer);
    if (code == MHD_CONNECTION_NOTIFY_STARTED) {
        const auto* info = MHD_get_connection_info(connection, MHD_CONNECTION_INFO_CONNECTION_FD);
        self.open_[connection] = {info != nullptr ? info->connect_fd : -1,
                                  std::chrono::steady_clock::now()};
    } else {
        self.open_.erase(connection);
    }
}

void HttpServer::stop_accepting() {
    MHD_quiesce_daemon(daemon_);
}

unsigned HttpServer::connections() const {
    return MHD_get_daemon_info(daemon_, MHD_DAEMON_INFO_CURRENT_CONNECTIONS)->num_connections;
}

MHD_Result HttpServer::answer(void* self_pointer, MHD_Connection* connection, const char* url,
                              const char* method, const char*, const char*,
                              std::size_t* upload_size, void** state) {
    auto& self = *static_cast<HttpServer*>(self_pointer);
    if (*state == nullptr) {
        // The headers have come: answer now. A body, which no request here wants, is dropped.
        *state = &kHeadersSeen;
        self.last_request_ = std::chrono::steady_clock::now();
        const HttpRequest request{method, url, header(connection, MHD_HTTP_HEADER_ACCEPT),
                                  header(connection, MHD_HTTP_HEADER_AUTHORIZATION)};
        const auto reply = self.handler_(request);
        // For HEAD, libmicrohttpd sends the headers (the length included) without the body.
        auto* response = MHD_create_response_from_buffer(
            reply.body.size(), const_cast<char*>(reply.body.data()), MHD_RESPMEM_MUST_COPY);
        MHD_add_response_header(response, MHD_HTTP_HEADER_CONTENT_TYPE, reply.content_type.c_str());
        for (const auto& [name, value] : reply.headers) {
            MHD_add_response_header(response, name.c_str(), value.c_str());
        }
        const auto queued = MHD_queue_response(connection, reply.status, response);
        MHD_destroy_response(response);
        return queued;
    }
    *upload_size = 0;  // a body after the answer: discarded
    return MHD_YES;
}

}  // namespace vitalsd::exporter
