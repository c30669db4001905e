// SPDX-License-Identifier: MIT
// Reads /proc/net/dev, documented in https://docs.kernel.org/filesystems/proc.html ("Networking
// info in /proc/net") and https://man7.org/linux/man-pages/man5/proc_pid_net.5.html
#include "network.hpp"

#include "parse.hpp"
#include "sensor_id.hpp"

namespace vitalsd {
namespace {

// The columns after the colon: 8 receive counters, then 8 transmit counters, bytes first.
constexpr std::size_t kReceivedBytes = 0;
constexpr std::size_t kSentBytes = 8;

double bytes_at(std::string_view columns, std::size_t index) {
    const auto value = parse::number<unsigned long long>(parse::nth_field(columns, index));
    return value ? static_cast<double>(*value) : kMissing;
}

// Appends the four sensors of network/<segment>/: label names the interface(s) for a person,
// what says whose traffic it is in a sentence.
void describe(const std::string& segment, const std::string& label, const std::string& what,
              std::vector<SensorInfo>& out) {
    const auto prefix = "network/" + segment + "/";
    out.push_back({prefix + "download", "B/s", label + " download",
                   "Bytes received per second by " + what, SensorKind::Rate});
    out.push_back({prefix + "upload", "B/s", label + " upload", "Bytes sent per second by " + what,
                   SensorKind::Rate});
    out.push_back({prefix + "totalDownload", "B", label + " total download",
                   "Bytes received so far by " + what, SensorKind::Gauge});
    out.push_back({prefix + "totalUpload", "B", label + " total upload",
                   "Bytes sent so far by " + what, SensorKind::Gauge});
}

}  // namespace

void parse_net_dev(std::string_view text, std::vector<DeviceRow>& rows) {
    rows.clear();
    while (!text.empty()) {
        const auto line = parse::next_line(text);
        // Names hold no ':' and no space; old kernels print no space after the colon when the
        // name fills its six columns ("enp0s31f6:1234"), so the colon alone ends the name.
        const auto colon = line.find(':');
        if (colon == std::string_view::npos) {
            continue;  // the two header lines
        }
        auto before = line.substr(0, colon);
        const auto name = parse::next_field(before);
        if (name.empty()) {
            continue;
        }
        const auto columns = line.substr(colon + 1);
        rows.push_back({name, {bytes_at(columns, kReceivedBytes), bytes_at(columns, kSentBytes)}});
    }
}

NetworkCollector::NetworkCollector(const std::string& proc_root)
    : table_(proc_root + "/net/dev", parse_net_dev, true) {
    adopt_interfaces();
}

void NetworkCollector::adopt_interfaces() {
    std::vector<DeviceTable::Device> devices;
    for (const auto& row : table_.rows()) {
        // The loopback's traffic never leaves the machine: it is no part of the total.
        devices.push_back({std::string(row.name), true, row.name != "lo"});
    }
    table_.assign(std::move(devices));
    sensors_.clear();
    describe("all", "Network", "all interfaces but the loopback (lo)", sensors_);
    for (const auto& device : table_.devices()) {
        const auto name = id_segment(device.name);  // labels too must be valid UTF-8
        describe(name, name, "interface " + name, sensors_);
    }
}

bool NetworkCollector::read(std::vector<RawSample>& out) {
    const bool changed = table_.read();
    if (changed) {
        adopt_interfaces();
    }
    out.resize(sensors_.size());
    table_.fill(out);
    return changed;
}

}  // namespace vitalsd
