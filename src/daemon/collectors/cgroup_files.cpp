// SPDX-License-Identifier: MIT
// The cgroup v2 files, documented in https://docs.kernel.org/admin-guide/cgroup-v2.html
#include "cgroup_files.hpp"

#include "parse.hpp"

namespace vitalsd {

double parse_cpu_usage_usec(std::string_view text) {
    while (!text.empty()) {
        auto line = parse::next_line(text);
        if (parse::next_field(line) == "usage_usec") {
            const auto usec = parse::number<unsigned long long>(parse::next_field(line));
            return usec ? static_cast<double>(*usec) : kMissing;
        }
    }
    return kMissing;
}

IoBytes parse_io_stat(std::string_view text) {
    constexpr std::string_view kRead = "rbytes=";
    constexpr std::string_view kWritten = "wbytes=";
    IoBytes bytes{0, 0};
    while (!text.empty()) {
        auto line = parse::next_line(text);
        parse::next_field(line);  // the device, major:minor
        for (auto field = parse::next_field(line); !field.empty();
             field = parse::next_field(line)) {
            double* sum = field.starts_with(kRead)      ? &bytes.read
                          : field.starts_with(kWritten) ? &bytes.written
                                                        : nullptr;
            if (sum == nullptr) {
                continue;
            }
            const auto value = parse::number<unsigned long long>(field.substr(kRead.size()));
            if (!value) {
                return {};
            }
            *sum += static_cast<double>(*value);
        }
    }
    return bytes;
}

std::size_t count_listed_processes(std::string_view text) {
    std::size_t count = 0;
    while (!text.empty()) {
        if (!parse::trimmed(parse::next_line(text)).empty()) {
            ++count;
        }
    }
    return count;
}

void parse_listed_processes(std::string_view text, std::vector<std::uint32_t>& pids) {
    while (!text.empty()) {
        if (const auto pid = parse::number<std::uint32_t>(parse::trimmed(parse::next_line(text)))) {
            pids.push_back(*pid);
        }
    }
}

}  // namespace vitalsd
