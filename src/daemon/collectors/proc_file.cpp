// SPDX-License-Identifier: MIT
#include "proc_file.hpp"

#include <fcntl.h>
#include <linux/magic.h>
#include <poll.h>
#include <sys/vfs.h>
#include <unistd.h>

#include <cerrno>

#include "fd_read.hpp"

namespace vitalsd {

ProcFile::ProcFile(std::string path) : path_(std::move(path)) {
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
    return read_whole_file(fd_, buffer_);
}

}  // namespace vitalsd
