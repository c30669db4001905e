// SPDX-License-Identifier: MIT
#include "sysfs_attribute.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <utility>

namespace vitalsd {
namespace {

constexpr std::size_t kMaxAttribute = 4096;  // sysfs gives at most a page

}  // namespace

SysfsAttribute::SysfsAttribute(const std::string& path)
    : fd_(::open(path.c_str(), O_RDONLY | O_CLOEXEC)) {}

SysfsAttribute::~SysfsAttribute() {
    if (fd_ >= 0) {
        ::close(fd_);
    }
}

SysfsAttribute::SysfsAttribute(SysfsAttribute&& other) noexcept
    : fd_(std::exchange(other.fd_, -1)) {}

SysfsAttribute& SysfsAttribute::operator=(SysfsAttribute&& other) noexcept {
    if (this != &other) {
        if (fd_ >= 0) {
            ::close(fd_);
        }
        fd_ = std::exchange(other.fd_, -1);
    }
    return *this;
}

std::optional<std::string_view> SysfsAttribute::read() {
    if (fd_ < 0) {
        return std::nullopt;
    }
    ssize_t n;
    do {
        n = ::pread(fd_, buffer_.data(), buffer_.size(), 0);
    } while (n < 0 && errno == EINTR);
    if (n < 0 || static_cast<std::size_t>(n) == buffer_.size()) {
        return std::nullopt;
    }
    return parse::trimmed(std::string_view(buffer_.data(), static_cast<std::size_t>(n)));
}

std::optional<std::string> read_attribute(const std::string& path) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        return std::nullopt;
    }
    std::string text(kMaxAttribute, '\0');
    std::size_t used = 0;
    while (used < text.size()) {
        const ssize_t n = ::read(fd, text.data() + used, text.size() - used);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n < 0) {
            ::close(fd);
            return std::nullopt;
        }
        if (n == 0) {
            break;
        }
        used += static_cast<std::size_t>(n);
    }
    ::close(fd);
    return std::string(parse::trimmed(std::string_view(text.data(), used)));
}

}  // namespace vitalsd
