// SPDX-License-Identifier: MIT
// Reads /proc/PID/mountinfo, documented in https://docs.kernel.org/filesystems/proc.html
// ("/proc/<pid>/mountinfo - Information about mounts") and
// https://man7.org/linux/man-pages/man5/proc_pid_mountinfo.5.html
#include "mounts.hpp"

#include <algorithm>

#include "parse.hpp"

namespace vitalsd {
namespace {

bool is_octal(char c) {
    return c >= '0' && c <= '7';
}

// Parses "major:minor".
bool parse_device(std::string_view field, Mount& mount) {
    const auto colon = field.find(':');
    if (colon == std::string_view::npos) {
        return false;
    }
    const auto major = parse::number<unsigned>(field.substr(0, colon));
    const auto minor = parse::number<unsigned>(field.substr(colon + 1));
    if (!major || !minor) {
        return false;
    }
    mount.major = *major;
    mount.minor = *minor;
    return true;
}

}  // namespace

void parse_mountinfo(std::string_view text, std::vector<Mount>& mounts) {
    mounts.clear();
    while (!text.empty()) {
        auto line = parse::next_line(text);
        // 36 35 98:0 /mnt1 /mnt/parent rw,noatime master:1 - ext3 /dev/root rw,errors=continue
        // A variable number of optional fields comes before the "-"; paths escape their spaces
        // as \040, so a lone "-" field can only be the separator.
        Mount mount;
        if (!parse::number<unsigned>(parse::next_field(line)) ||
            !parse::number<unsigned>(parse::next_field(line)) ||
            !parse_device(parse::next_field(line), mount)) {
            continue;
        }
        parse::next_field(line);  // the root of the mount within its file system
        mount.mount_point = parse::next_field(line);
        auto field = parse::next_field(line);  // the mount options, then the optional fields
        while (!field.empty() && field != "-") {
            field = parse::next_field(line);
        }
        mount.fs_type = parse::next_field(line);
        mount.source = parse::next_field(line);
        if (field == "-" && !mount.source.empty()) {
            mounts.push_back(mount);
        }
    }
}

std::string unescape_mount_field(std::string_view field) {
    std::string out;
    out.reserve(field.size());
    for (std::size_t i = 0; i < field.size(); ++i) {
        if (field[i] == '\\' && i + 3 < field.size() && is_octal(field[i + 1]) &&
            is_octal(field[i + 2]) && is_octal(field[i + 3])) {
            out += static_cast<char>(((field[i + 1] - '0') << 6) | ((field[i + 2] - '0') << 3) |
                                     (field[i + 3] - '0'));
            i += 3;
        } else {
            out += field[i];
        }
    }
    return out;
}

MountTable::MountTable(const std::string& proc_root) : mountinfo_(proc_root + "/self/mountinfo") {
    reload();  // a file just opened flags nothing: what it holds now is read here
}

void MountTable::reload() {
    parse_mountinfo(mountinfo_.read().value_or(std::string_view{}), mounts_);
}

bool MountTable::refresh() {
    if (!mountinfo_.changed()) {
        return false;
    }
    reload();
    return true;
}

bool MountTable::holds(unsigned major, unsigned minor, std::string_view name) const {
    return std::any_of(mounts_.begin(), mounts_.end(), [&](const Mount& mount) {
        const bool same_node = mount.source.starts_with("/dev/") && mount.source.substr(5) == name;
        return (mount.major == major && mount.minor == minor) || same_node;
    });
}

}  // namespace vitalsd
