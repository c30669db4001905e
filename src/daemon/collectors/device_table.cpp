// SPDX-License-Identifier: MIT
#include "device_table.hpp"

#include <algorithm>
#include <cmath>
#include <utility>

namespace vitalsd {

DeviceTable::DeviceTable(std::string path, Parser parse, bool with_totals)
    : file_(std::move(path)), parse_(parse), with_totals_(with_totals) {
    read();
}

bool DeviceTable::read() {
    const auto text = file_.read();
    if (!text) {
        rows_.clear();  // says nothing about which devices exist
        return false;
    }
    parse_(*text, rows_);
    return !std::equal(
        rows_.begin(), rows_.end(), devices_.begin(), devices_.end(),
        [](const DeviceRow& row, const Device& device) { return row.name == device.name; });
}

void DeviceTable::assign(std::vector<Device> devices) {
    for (auto& device : devices) {
        const auto known = std::find_if(devices_.begin(), devices_.end(),
                                        [&](const Device& old) { return old.name == device.name; });
        if (known != devices_.end()) {
            device.last = known->last;
        }
    }
    devices_ = std::move(devices);
}

void DeviceTable::fill(std::span<RawSample> out) {
    std::fill(out.begin(), out.end(), RawSample{});
    const auto per_device = slots_per_device();
    const auto listed = std::count_if(devices_.begin(), devices_.end(),
                                      [](const Device& device) { return device.listed; });
    if (rows_.empty() || rows_.size() != devices_.size() ||
        out.size() != (1 + static_cast<std::size_t>(listed)) * per_device) {
        return;
    }
    std::array<double, 2> sum{0.0, 0.0};
    std::size_t slot = per_device;  // after the total's
    for (std::size_t i = 0; i < rows_.size(); ++i) {
        auto& device = devices_[i];
        for (std::size_t c = 0; c < 2; ++c) {
            const double bytes = rows_[i].bytes[c];
            if (device.in_total) {
                sum[c] += bytes;  // a device without numbers leaves the sum missing, not short
                if (!std::isnan(bytes) && !std::isnan(device.last[c])) {
                    running_[c] += std::max(0.0, bytes - device.last[c]);
                }
            }
            if (!std::isnan(bytes)) {
                device.last[c] = bytes;
            }
            if (device.listed) {
                out[slot + c] = {bytes};
                if (with_totals_) {
                    out[slot + 2 + c] = {bytes};
                }
            }
        }
        if (device.listed) {
            slot += per_device;
        }
    }
    for (std::size_t c = 0; c < 2; ++c) {
        out[c] = {running_[c]};
        if (with_totals_) {
            out[2 + c] = {sum[c]};
        }
    }
}

}  // namespace vitalsd
