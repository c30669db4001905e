// SPDX-License-Identifier: MIT
#include "directory_listing.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstddef>

#include "dirents.hpp"

namespace vitalsd {
namespace {

constexpr std::size_t kInitialBuffer = 8192;  // a hundred entries in one call
constexpr std::size_t kMinFreeBytes = 1024;   // more than one record, name included

bool is_dot_or_dot_dot(std::string_view name) {
    return name == "." || name == "..";
}

}  // namespace

DirectoryListing::DirectoryListing(std::string path)
    : path_(std::move(path)), buffer_(kInitialBuffer) {
    if (list()) {
        seen_.assign(names_.begin(), names_.end());
        entries_ = seen_;
    }
}

DirectoryListing::~DirectoryListing() {
    if (fd_ >= 0) {
        ::close(fd_);
    }
}

bool DirectoryListing::list() {
    if (fd_ < 0) {
        fd_ = ::open(path_.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (fd_ < 0) {
            names_.clear();
            return true;  // no directory: no devices
        }
    } else if (::lseek(fd_, 0, SEEK_SET) != 0) {
        return false;
    }
    std::size_t used = 0;
    for (;;) {
        if (buffer_.size() - used < kMinFreeBytes) {
            buffer_.resize(buffer_.size() * 2);  // grows to the largest directory, then stays
        }
        const ssize_t n = ::getdents64(fd_, buffer_.data() + used, buffer_.size() - used);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n < 0) {
            return false;
        }
        if (n == 0) {
            break;
        }
        used += static_cast<std::size_t>(n);
    }
    names_.clear();
    for_each_dirent(std::span(buffer_.data(), used), [&](std::string_view name) {
        if (!name.empty() && !is_dot_or_dot_dot(name)) {
            names_.push_back(name);
        }
    });
    std::sort(names_.begin(), names_.end());
    return true;
}

bool DirectoryListing::refresh() {
    if (!list()) {
        return false;
    }
    if (std::equal(names_.begin(), names_.end(), seen_.begin(), seen_.end())) {
        // The same listing twice: every entry has settled. The steady case, without allocation.
        if (std::equal(names_.begin(), names_.end(), entries_.begin(), entries_.end())) {
            return false;
        }
        entries_ = seen_;
        return true;
    }
    std::vector<std::string> settled;
    for (const auto name : names_) {
        if (std::binary_search(seen_.begin(), seen_.end(), name)) {
            settled.emplace_back(name);
        }
    }
    seen_.assign(names_.begin(), names_.end());
    if (settled == entries_) {
        return false;
    }
    entries_ = std::move(settled);
    return true;
}

std::vector<std::string> list_directory(const std::string& path) {
    std::vector<std::string> entries;
    DIR* dir = ::opendir(path.c_str());
    if (dir == nullptr) {
        return entries;
    }
    while (const dirent* entry = ::readdir(dir)) {
        if (!is_dot_or_dot_dot(entry->d_name)) {
            entries.emplace_back(entry->d_name);
        }
    }
    ::closedir(dir);
    std::sort(entries.begin(), entries.end());
    return entries;
}

}  // namespace vitalsd
