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
#include <cstdint>
#include <cstring>

namespace vitalsd {
namespace {

// struct linux_dirent64: u64 d_ino, s64 d_off, u16 d_reclen, u8 d_type, then the name, ended by
// a NUL within the record.
constexpr std::size_t kReclenOffset = 16;
constexpr std::size_t kNameOffset = 19;

// Room for a few hundred entries per call: a few calls list a busy /proc.
constexpr std::size_t kBufferBytes = 32 * 1024;

bool all_digits(const char* name, std::size_t size) {
    return size > 0 && std::all_of(name, name + size, [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

std::size_t count_numeric_entries(std::span<const std::byte> entries) {
    std::size_t count = 0;
    std::size_t offset = 0;
    while (entries.size() - offset > kNameOffset) {
        std::uint16_t length = 0;
        std::memcpy(&length, entries.data() + offset + kReclenOffset, sizeof length);
        if (length <= kNameOffset || length > entries.size() - offset) {
            break;
        }
        const auto* name = reinterpret_cast<const char*>(entries.data() + offset + kNameOffset);
        const auto room = std::size_t{length} - kNameOffset;
        const auto* end = static_cast<const char*>(std::memchr(name, '\0', room));
        if (all_digits(name, end != nullptr ? static_cast<std::size_t>(end - name) : 0)) {
            ++count;
        }
        offset += length;
    }
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
