// SPDX-License-Identifier: MIT
#include "sysfs_attribute.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <utility>
#include <vector>

#include "fd_read.hpp"

namespace vitalsd {

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
    const auto text = read_whole_file_into(fd_, buffer_);
    return text ? std::optional(parse::trimmed(*text)) : std::nullopt;
}

std::optional<std::string> read_attribute(const std::string& path) {
    std::vector<char> buffer;
    const auto text = read_file_at(AT_FDCWD, path.c_str(), buffer);
    return text ? std::optional(std::string(parse::trimmed(*text))) : std::nullopt;
}

}  // namespace vitalsd
