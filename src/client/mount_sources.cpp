// SPDX-License-Identifier: MIT
// Reads /proc/self/mountinfo: https://man7.org/linux/man-pages/man5/proc_pid_mountinfo.5.html
#include "mount_sources.hpp"

#include <fstream>
#include <sstream>
#include <vector>

namespace vitalsd {
namespace {

std::string_view next_field(std::string_view& line) {
    const auto begin = line.find_first_not_of(' ');
    if (begin == std::string_view::npos) {
        line = {};
        return {};
    }
    line.remove_prefix(begin);
    const auto end = line.find(' ');
    const auto field = line.substr(0, end);
    line = end == std::string_view::npos ? std::string_view{} : line.substr(end);
    return field;
}

bool octal(char c) {
    return c >= '0' && c <= '7';
}

// Undoes the kernel's escapes of a space, tab, line feed and backslash: \040, \011, \012, \134.
std::string unescape(std::string_view field) {
    std::string out;
    for (std::size_t i = 0; i < field.size(); ++i) {
        if (field[i] == '\\' && i + 3 < field.size() && octal(field[i + 1]) &&
            octal(field[i + 2]) && octal(field[i + 3])) {
            out += static_cast<char>((field[i + 1] - '0') * 64 + (field[i + 2] - '0') * 8 +
                                     (field[i + 3] - '0'));
            i += 3;
        } else {
            out += field[i];
        }
    }
    return out;
}

}  // namespace

std::map<std::string, MountSource> parse_mount_sources(std::string_view mountinfo) {
    std::map<std::string, MountSource> out;
    while (!mountinfo.empty()) {
        const auto newline = mountinfo.find('\n');
        auto line = mountinfo.substr(0, newline);
        mountinfo =
            newline == std::string_view::npos ? std::string_view{} : mountinfo.substr(newline + 1);
        // mount id, parent id, major:minor, root, mount point, options, optional fields, "-",
        // file system type, source, super options.
        std::vector<std::string_view> fields;
        for (auto field = next_field(line); !field.empty(); field = next_field(line)) {
            fields.push_back(field);
        }
        std::size_t separator = 6;
        while (separator < fields.size() && fields[separator] != "-") {
            ++separator;
        }
        if (fields.size() < 5 || separator + 2 >= fields.size()) {
            continue;
        }
        out.try_emplace(unescape(fields[4]), MountSource{unescape(fields[separator + 2]),
                                                         unescape(fields[separator + 1])});
    }
    return out;
}

std::map<std::string, MountSource> read_mount_sources() {
    std::ifstream file("/proc/self/mountinfo");
    std::ostringstream text;
    text << file.rdbuf();
    return parse_mount_sources(text.str());
}

}  // namespace vitalsd
