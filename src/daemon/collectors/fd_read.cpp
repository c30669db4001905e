// SPDX-License-Identifier: MIT
// Reads files with pread(2) (https://man7.org/linux/man-pages/man2/pread.2.html) and directories
// with getdents64(2) (https://man7.org/linux/man-pages/man2/getdents.2.html).
#include "fd_read.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>

namespace vitalsd {
namespace {

constexpr std::size_t kInitialFileBuffer = 4096;     // most /proc and /sys files fit a page
constexpr std::size_t kInitialListingBuffer = 8192;  // a few hundred entries in one call
// More than one record, name included: getdents64 fails with EINVAL when the next record does
// not fit.
constexpr std::size_t kMinFreeListingBytes = 1024;

// Returns what pread returns, trying again when a signal interrupted it.
ssize_t pread_retrying(int fd, char* into, std::size_t size, std::size_t offset) {
    ssize_t n;
    do {
        n = ::pread(fd, into, size, static_cast<off_t>(offset));
    } while (n < 0 && errno == EINTR);
    return n;
}

}  // namespace

std::optional<std::string_view> read_whole_file(int fd, std::vector<char>& buffer) {
    if (buffer.empty()) {
        buffer.resize(kInitialFileBuffer);
    }
    std::size_t used = 0;
    for (;;) {
        if (used == buffer.size()) {
            buffer.resize(buffer.size() * 2);
        }
        const ssize_t n = pread_retrying(fd, buffer.data() + used, buffer.size() - used, used);
        if (n < 0) {
            return std::nullopt;
        }
        used += static_cast<std::size_t>(n);
        // procfs and sysfs hand out a whole file in one read when the buffer can hold it: a
        // short read is the end, which saves the second pread that would return 0.
        if (n == 0 || used < buffer.size()) {
            return std::string_view(buffer.data(), used);
        }
    }
}

std::optional<std::string_view> read_whole_file_into(int fd, std::span<char> room) {
    const ssize_t n = pread_retrying(fd, room.data(), room.size(), 0);
    // A read that fills room may have left the rest of the file unread.
    if (n < 0 || static_cast<std::size_t>(n) == room.size()) {
        return std::nullopt;
    }
    return std::string_view(room.data(), static_cast<std::size_t>(n));
}

std::optional<std::string_view> read_file_at(int dir, const char* name, std::vector<char>& buffer) {
    const int fd = ::openat(dir, name, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        return std::nullopt;
    }
    const auto text = read_whole_file(fd, buffer);
    ::close(fd);
    return text;
}

std::optional<std::span<const std::byte>> read_directory(int dir, std::vector<std::byte>& buffer) {
    if (::lseek(dir, 0, SEEK_SET) != 0) {
        return std::nullopt;
    }
    std::size_t used = 0;
    for (;;) {
        if (buffer.size() - used < kMinFreeListingBytes) {
            buffer.resize(std::max(buffer.size() * 2, kInitialListingBuffer));
        }
        const ssize_t n = ::getdents64(dir, buffer.data() + used, buffer.size() - used);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n < 0) {
            return std::nullopt;
        }
        if (n == 0) {
            return std::span<const std::byte>(buffer.data(), used);
        }
        used += static_cast<std::size_t>(n);
    }
}

}  // namespace vitalsd
