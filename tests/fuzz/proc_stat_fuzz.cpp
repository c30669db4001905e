// SPDX-License-Identifier: MIT
// Fuzzes the /proc/stat parsers (shares and seconds), with the CPU list taken from the same text
// as at start-up.
#include <cstdint>
#include <string_view>
#include <vector>

#include "collectors/cpu.hpp"
#include "collectors/cpu_time.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const auto cpus = vitalsd::list_cpus(text);
    std::vector<vitalsd::RawSample> out((cpus.size() + 1) * 4 + 1);
    vitalsd::parse_proc_stat(text, cpus, out);
    std::vector<vitalsd::RawSample> seconds((cpus.size() + 1) * vitalsd::kCpuModes.size());
    vitalsd::parse_cpu_seconds(text, cpus, 100, seconds);
    return 0;
}
