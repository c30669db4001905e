// SPDX-License-Identifier: MIT
#pragma once

#include <microhttpd.h>

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>

#include "routes.hpp"

namespace vitalsd::exporter {

/// What one client may hold of the server, so that none can starve a scraper.
struct HttpLimits {
    unsigned max_connections = 64;          ///< served at once; more are closed when accepted
    unsigned max_connections_per_ip = 16;   ///< of those, from one address
    unsigned idle_timeout_s = 10;           ///< a connection silent this long is closed
    unsigned request_deadline_s = 10;       ///< a connection open this long is closed, busy or not
    std::size_t max_request_bytes = 16384;  ///< request line and headers: more is 431 or 414
};

/// TLS for the server: the certificate chain and the private key, PEM, and GnuTLS priorities
/// ("" for GnuTLS' defaults).
struct TlsFiles {
    std::string certificate_pem;
    std::string key_pem;
    std::string priorities;
};

/// An HTTP server (libmicrohttpd) on a listening socket it is given, run from the caller's loop:
/// wait until fd() is readable or timeout_ms() passes, then call run(). One thread; each
/// request is answered by the handler before the next is read.
class HttpServer {
public:
    using Handler = std::function<HttpResponse(const HttpRequest&)>;

    /// Serves on listen_fd (which it does not close). Throws std::runtime_error when
    /// libmicrohttpd cannot start.
    HttpServer(int listen_fd, Handler handler, const HttpLimits& limits,
               const std::optional<TlsFiles>& tls = std::nullopt);
    ~HttpServer();
    HttpServer(const HttpServer&) = delete;
    HttpServer& operator=(const HttpServer&) = delete;

    /// The descriptor to wait on (epoll's, which holds the listening socket and connections).
    int fd() const;

    /// How long the caller may wait before calling run() though nothing came; none: no limit.
    std::optional<std::uint64_t> timeout_ms() const;

    /// Accepts, reads and answers what is ready, and closes connections that timed out or
    /// outlived the request deadline (a client that sends a byte a second is never idle).
    void run();

    /// Stops accepting connections, leaving the listening socket to its owner (and the
    /// connections it holds to systemd, which starts the service again for them).
    void stop_accepting();

    /// The connections open now.
    unsigned connections() const;

    /// When the last request came; the server's start before any.
    std::chrono::steady_clock::time_point last_request() const { return last_request_; }

private:
    // Each connection, by libmicrohttpd's handle: its socket and when it came.
    struct Open {
        int fd = -1;
        std::chrono::steady_clock::time_point since;
    };

    static void notify(void* self, MHD_Connection* connection, void** socket_context,
                       MHD_ConnectionNotificationCode code);
    static MHD_Result answer(void* self, MHD_Connection* connection, const char* url,
                             const char* method, const char* version, const char* upload_data,
                             std::size_t* upload_size, void** state);

    Handler handler_;
    std::chrono::seconds request_deadline_;
    std::map<MHD_Connection*, Open> open_;
    MHD_Daemon* daemon_ = nullptr;
    std::chrono::steady_clock::time_point last_request_;
};

}  // namespace vitalsd::exporter
