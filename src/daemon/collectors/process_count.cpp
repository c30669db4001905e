// SPDX-License-Identifier: MIT
// Lists /proc with getdents64(2): https://man7.org/linux/man-pages/man2/getdents.2.html; the pid
// directories are described in https://docs.kernel.org/filesystems/proc.html ("Process-Specific
// Subdirectories").
#include "process_count.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstddef>

#include "dirents.hpp"

namespace vitalsd {
namespace {

// Room for a few hundred entries per call: a few calls list a busy /proc.
constexpr std::size_t kBufferBytes = 32 * 1024;

bool all_digits(std::string_view name) {
    return !name.empty() &&
           std::all_of(name.begin(), name.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

std::size_t count_numeric_entries(std::span<const std::byte> entries) {
    std::size_t count = 0;
    for_each_dirent(entries, [&](std::string_view name) { count += all_digits(name) ? 1 : 0; });
    return count;
}

ProcessCount::ProcessCount(const std::string& proc_root) : path_(proc_root), buffer_(kBufferBytes) {
    fd_ = ::open(path_.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
}

ProcessCount::~ProcessCount() {
    if (fd_ >= 0) {
        ::close(fd_);
    }
}

std::optional<std::size_t> ProcessCount::count() {
    if (fd_ < 0) {
        fd_ = ::open(path_.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (fd_ < 0) {
            return std::nullopt;
        }
    }
    if (::lseek(fd_, 0, SEEK_SET) < 0) {
        return std::nullopt;
    }
    std::size_t count = 0;
    for (;;) {
        const ssize_t n = ::getdents64(fd_, buffer_.data(), buffer_.size());
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            return std::nullopt;
        }
        if (n == 0) {
            return count;
        }
        count += count_numeric_entries(std::span(buffer_.data(), static_cast<std::size_t>(n)));
    }
}

}  // namespace vitalsd
