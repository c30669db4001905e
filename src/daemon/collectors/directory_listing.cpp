// SPDX-License-Identifier: MIT
#include "directory_listing.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cstddef>

#include "dirents.hpp"
#include "fd_read.hpp"

namespace vitalsd {
namespace {

// Calls fn(name) for each entry of getdents64 records but "." and "..".
template <typename Fn>
void for_each_entry(std::span<const std::byte> records, Fn&& fn) {
    for_each_dirent(records, [&](std::string_view name) {
        if (!name.empty() && name != "." && name != "..") {
            fn(name);
        }
    });
}

}  // namespace

DirectoryListing::DirectoryListing(std::string path) : path_(std::move(path)) {
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
    }
    const auto records = read_directory(fd_, buffer_);
    if (!records) {
        return false;
    }
    names_.clear();
    for_each_entry(*records, [&](std::string_view name) { names_.push_back(name); });
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
    const int fd = ::open(path.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) {
        return entries;
    }
    std::vector<std::byte> buffer;
    if (const auto records = read_directory(fd, buffer)) {
        for_each_entry(*records, [&](std::string_view name) { entries.emplace_back(name); });
    }
    ::close(fd);
    std::sort(entries.begin(), entries.end());
    return entries;
}

}  // namespace vitalsd
