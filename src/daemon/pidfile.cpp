// SPDX-License-Identifier: MIT
#include "pidfile.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <charconv>
#include <chrono>
#include <cstdlib>
#include <system_error>
#include <thread>

#include "collectors/fd_read.hpp"

namespace vitalsd {
namespace {

[[noreturn]] void throw_errno(int error, const std::string& what) {
    throw std::system_error(error, std::generic_category(), what);
}

bool same_file(const struct stat& a, const struct stat& b) {
    return a.st_dev == b.st_dev && a.st_ino == b.st_ino;
}

// Returns the pid in a pidfile someone else holds, 0 when there is none. The holder writes it
// right after taking the lock, so an empty file is given a moment to fill.
pid_t read_holder_pid(int fd) {
    using namespace std::chrono_literals;
    for (int attempt = 0; attempt < 50; ++attempt) {
        std::array<char, 32> room;
        pid_t pid = 0;
        if (const auto text = read_whole_file_into(fd, room)) {
            std::from_chars(text->data(), text->data() + text->size(), pid);
        }
        if (pid > 0) {
            return pid;
        }
        std::this_thread::sleep_for(2ms);
    }
    return 0;
}

}  // namespace

AlreadyRunning::AlreadyRunning(pid_t pid)
    : std::runtime_error(pid > 0 ? "already running (pid " + std::to_string(pid) + ")"
                                 : std::string("already running")) {}

Pidfile::Pidfile(std::string path) : path_(std::move(path)) {
    // A holder that exits between our open and our lock removes the file first: the lock we get
    // is then on a file nobody can find, and we start again with the file now at the path.
    for (int attempt = 0;; ++attempt) {
        fd_ = ::open(path_.c_str(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW | O_NOCTTY, 0644);
        if (fd_ < 0) {
            throw_errno(errno, "cannot open the pidfile " + path_);
        }
        if (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
            const int error = errno;
            const pid_t holder = error == EWOULDBLOCK ? read_holder_pid(fd_) : 0;
            ::close(fd_);
            if (error == EWOULDBLOCK) {
                throw AlreadyRunning(holder);
            }
            throw_errno(error, "cannot lock the pidfile " + path_);
        }
        struct stat held {};
        struct stat named {};
        if (::fstat(fd_, &held) == 0 && ::stat(path_.c_str(), &named) == 0 &&
            same_file(held, named)) {
            break;
        }
        ::close(fd_);
        if (attempt == 100) {
            throw std::runtime_error("the pidfile " + path_ + " keeps being replaced");
        }
    }
    const std::string text = std::to_string(::getpid()) + "\n";
    if (::ftruncate(fd_, 0) != 0 ||
        ::pwrite(fd_, text.data(), text.size(), 0) != static_cast<ssize_t>(text.size())) {
        const int error = errno;
        ::unlink(path_.c_str());
        ::close(fd_);
        throw_errno(error, "cannot write the pidfile " + path_);
    }
}

Pidfile::~Pidfile() {
    // Removed while still locked, so that nobody takes over a file that is about to vanish.
    struct stat held {};
    struct stat named {};
    if (::fstat(fd_, &held) == 0 && ::stat(path_.c_str(), &named) == 0 && same_file(held, named)) {
        ::unlink(path_.c_str());
    }
    ::close(fd_);
}

std::optional<std::string> default_pidfile(bool system_bus) {
    if (system_bus) {
        return "/run/vitalsd.pid";
    }
    const char* runtime_dir = std::getenv("XDG_RUNTIME_DIR");
    if (runtime_dir == nullptr || *runtime_dir != '/') {
        return std::nullopt;
    }
    return std::string(runtime_dir) + "/vitalsd.pid";
}

}  // namespace vitalsd
