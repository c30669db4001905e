// SPDX-License-Identifier: MIT
#include "proc_file.hpp"

#include <fcntl.h>
#include <linux/magic.h>
#include <poll.h>
#include <sys/vfs.h>
#include <unistd.h>

#include <cerrno>

namespace vitalsd {
namespace {
constexpr std::size_t kInitialBuffer = 4096;
}

ProcFile::ProcFile(std::string path) : path_(std::move(path)), buffer_(kInitialBuffer) {
    open();
}

ProcFile::~ProcFile() {
    if (fd_ >= 0) {
        ::close(fd_);
    }
}

bool ProcFile::open() {
    fd_ = ::open(path_.c_str(), O_RDONLY | O_CLOEXEC);
    struct statfs fs {};
    flags_changes_ = fd_ >= 0 && ::fstatfs(fd_, &fs) == 0 && fs.f_type == PROC_SUPER_MAGIC;
    return fd_ >= 0;
}

bool ProcFile::changed() {
    if (fd_ < 0 || !flags_changes_) {
        return true;
    }
    pollfd watched{fd_, POLLPRI, 0};
    int ready;
    do {
        ready = ::poll(&watched, 1, 0);
    } while (ready < 0 && errno == EINTR);
    return ready != 0;  // an error counts as a change: reading again is always safe
}

std::optional<std::string_view> ProcFile::read() {
    if (fd_ < 0 && !open()) {
        return std::nullopt;
    }
    std::size_t used = 0;
    for (;;) {
        if (used == buffer_.size()) {
            buffer_.resize(buffer_.size() * 2);  // grows to the largest size seen, then stays
        }
        const ssize_t n =
            ::pread(fd_, buffer_.data() + used, buffer_.size() - used, static_cast<off_t>(used));
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            return std::nullopt;
        }
        used += static_cast<std::size_t>(n);
        // procfs and sysfs hand out a whole file in one read when the buffer can hold it: a
        // short read is the end, which saves the second pread that would return 0.
        if (n == 0 || used < buffer_.size()) {
            return std::string_view(buffer_.data(), used);
        }
    }
}

}  // namespace vitalsd
