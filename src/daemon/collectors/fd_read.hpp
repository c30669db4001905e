// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

namespace vitalsd {

/// Returns the whole file behind fd, read with pread from offset 0 into buffer, or nullopt when
/// it cannot be read (ESRCH once a kept /proc/PID file's process is reaped). A read shorter than
/// the room left is the end, so a file that fits costs one pread; the buffer grows to the largest
/// file seen and then stays, so a steady read allocates nothing. Retries a read that a signal
/// interrupted. The view is valid until buffer changes.
std::optional<std::string_view> read_whole_file(int fd, std::vector<char>& buffer);

/// Returns the whole file behind fd, read with one pread from offset 0 into room, a buffer of
/// fixed size, or nullopt when it cannot be read or fills room (then it may be longer). For a
/// file that holds one short value. The view is valid until room changes.
std::optional<std::string_view> read_whole_file_into(int fd, std::span<char> room);

/// Returns the whole file name, relative to the directory dir (AT_FDCWD for the working
/// directory or an absolute name), opened, read as read_whole_file does and closed; nullopt when
/// it cannot be opened or read. For a file read once, not kept open.
std::optional<std::string_view> read_file_at(int dir, const char* name, std::vector<char>& buffer);

/// Returns every record of the directory dir, read from its start with getdents64 into buffer
/// (struct linux_dirent64 records, for for_each_dirent), or nullopt when it cannot be read. The
/// buffer grows to the largest listing seen and then stays, so a steady listing costs a seek and
/// two getdents64 calls (the second returns 0) and allocates nothing.
std::optional<std::span<const std::byte>> read_directory(int dir, std::vector<std::byte>& buffer);

}  // namespace vitalsd
