// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace vitalsd {

/// A directory of devices (class/hwmon, class/power_supply) kept open and listed again on every
/// sample to notice devices that come and go: a rewind and getdents64 into a reused buffer, with
/// no allocation unless the entries changed.
class DirectoryListing {
public:
    /// Opens path and lists it, taking in every entry found; a directory that cannot be opened
    /// lists as empty (and is tried again on refresh).
    explicit DirectoryListing(std::string path);
    ~DirectoryListing();
    DirectoryListing(const DirectoryListing&) = delete;
    DirectoryListing& operator=(const DirectoryListing&) = delete;

    /// Lists the directory again. Returns true when entries() changed. An entry gone is dropped
    /// at once; an entry first seen now is taken in by the next refresh that still finds it: a
    /// device's directory appears before the kernel has made its attribute files, and one
    /// sampling interval later they are all there. A listing that fails changes nothing.
    bool refresh();

    /// Returns the entries taken in, sorted, without "." and "..".
    const std::vector<std::string>& entries() const { return entries_; }

private:
    bool list();

    std::string path_;
    int fd_ = -1;
    std::vector<std::byte> buffer_;        // getdents64 records
    std::vector<std::string_view> names_;  // into buffer_, reused for each listing
    std::vector<std::string> seen_;        // the last listing, entries not yet taken in included
    std::vector<std::string> entries_;
};

/// Returns the entries of a directory once, sorted, without "." and ".."; empty when it cannot
/// be read. For what is listed when devices are found, not on every sample.
std::vector<std::string> list_directory(const std::string& path);

}  // namespace vitalsd
