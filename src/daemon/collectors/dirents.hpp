// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <span>
#include <string_view>
#include <type_traits>

namespace vitalsd {

/// Calls fn(name), or fn(name, type) with type the entry's d_type (DT_DIR for a directory), for
/// each entry of a getdents64 buffer (struct linux_dirent64 records, as many bytes as the call
/// returned; getdents(2)), in order. The records are read by offset, whatever
/// the buffer's alignment; a record cut short or of an impossible length ends the walk, and a name
/// without its NUL is given as empty.
template <typename Fn>
void for_each_dirent(std::span<const std::byte> entries, Fn&& fn) {
    // struct linux_dirent64: u64 d_ino, s64 d_off, u16 d_reclen, u8 d_type, then the name, ended
    // by a NUL within the record.
    constexpr std::size_t kReclenOffset = 16;
    constexpr std::size_t kTypeOffset = 18;
    constexpr std::size_t kNameOffset = 19;
    std::size_t offset = 0;
    while (entries.size() - offset > kNameOffset) {
        std::uint16_t length = 0;
        std::memcpy(&length, entries.data() + offset + kReclenOffset, sizeof length);
        if (length <= kNameOffset || length > entries.size() - offset) {
            return;
        }
        const auto* name = reinterpret_cast<const char*>(entries.data() + offset + kNameOffset);
        const auto room = std::size_t{length} - kNameOffset;
        const auto* end = static_cast<const char*>(std::memchr(name, '\0', room));
        const std::string_view entry(name,
                                     end != nullptr ? static_cast<std::size_t>(end - name) : 0);
        if constexpr (std::is_invocable_v<Fn, std::string_view, unsigned char>) {
            fn(entry, static_cast<unsigned char>(entries[offset + kTypeOffset]));
        } else {
            fn(entry);
        }
        offset += length;
    }
}

}  // namespace vitalsd
