// SPDX-License-Identifier: MIT
#include "http_client.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <stdexcept>

namespace vitalsd::test {
namespace {

std::optional<HttpReply> parse_reply(const std::string& text) {
    const auto end_of_head = text.find("\r\n\r\n");
    if (!text.starts_with("HTTP/1.") || end_of_head == std::string::npos) {
        return std::nullopt;
    }
    HttpReply reply;
    reply.status = std::stoi(text.substr(9, 3));
    std::size_t line = text.find("\r\n") + 2;
    while (line < end_of_head) {
        const auto next = text.find("\r\n", line);
        const auto colon = text.find(':', line);
        if (colon != std::string::npos && colon < next) {
            auto name = text.substr(line, colon - line);
            std::transform(name.begin(), name.end(), name.begin(), ::tolower);
            auto value = text.substr(colon + 1, next - colon - 1);
            value.erase(0, value.find_first_not_of(' '));
            reply.headers[name] = value;
        }
        line = next + 2;
    }
    reply.body = text.substr(end_of_head + 4);
    return reply;
}

}  // namespace

int connect_to(std::uint16_t port, const char* source) {
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in from{};
    from.sin_family = AF_INET;
    ::inet_pton(AF_INET, source, &from.sin_addr);
    if (::bind(fd, reinterpret_cast<sockaddr*>(&from), sizeof from) != 0) {
        ::close(fd);
        return -1;
    }
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
        ::close(fd);
        return -1;
    }
    return fd;
}

std::optional<HttpReply> http_exchange(std::uint16_t port, const std::string& request,
                                       std::chrono::milliseconds timeout) {
    const int fd = connect_to(port);
    if (fd < 0) {
        return std::nullopt;
    }
    std::size_t sent = 0;
    while (sent < request.size()) {
        const auto n = ::send(fd, request.data() + sent, request.size() - sent, MSG_NOSIGNAL);
        if (n <= 0) {
            break;  // the server may answer and close before reading it all
        }
        sent += static_cast<std::size_t>(n);
    }
    std::string text;
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    bool closed = false;
    while (!closed && std::chrono::steady_clock::now() < deadline) {
        pollfd p{fd, POLLIN, 0};
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        if (::poll(&p, 1, static_cast<int>(std::max<long long>(left.count(), 0))) <= 0) {
            break;
        }
        char buffer[65536];
        const auto n = ::recv(fd, buffer, sizeof buffer, 0);
        if (n <= 0) {
            closed = true;
        } else {
            text.append(buffer, static_cast<std::size_t>(n));
        }
    }
    ::close(fd);
    return closed ? parse_reply(text) : std::nullopt;
}

HttpReply http_request(std::uint16_t port, const std::string& method, const std::string& path,
                       const std::string& extra_headers) {
    const auto reply = http_exchange(port,
                                     method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" +
                                         extra_headers + "Connection: close\r\n\r\n",
                                     std::chrono::seconds(15));
    if (!reply) {
        throw std::runtime_error("no answer to " + method + " " + path);
    }
    return *reply;
}

}  // namespace vitalsd::test
