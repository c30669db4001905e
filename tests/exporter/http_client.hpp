// SPDX-License-Identifier: MIT
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>

namespace vitalsd::test {

/// An HTTP answer as it came: the status, the headers (names in lower case) and the body.
struct HttpReply {
    int status = 0;
    std::map<std::string, std::string> headers;
    std::string body;
};

/// Connects to 127.0.0.1:port, sends the bytes as they are and reads until the server closes
/// the connection or the timeout passes; returns what came, parsed, or none when the server
/// sent nothing or did not close in time.
std::optional<HttpReply> http_exchange(std::uint16_t port, const std::string& request,
                                       std::chrono::milliseconds timeout);

/// Sends "METHOD path HTTP/1.1" with a Host, Connection: close and the extra header lines
/// ("Accept: ...\r\n"), and returns the answer. Throws std::runtime_error when none came.
HttpReply http_request(std::uint16_t port, const std::string& method, const std::string& path,
                       const std::string& extra_headers = "");

/// Returns a socket connected to 127.0.0.1:port from the loopback address source (the whole of
/// 127.0.0.0/8 is this machine's: another address is another client), -1 when refused.
int connect_to(std::uint16_t port, const char* source = "127.0.0.1");

}  // namespace vitalsd::test
