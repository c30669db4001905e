// SPDX-License-Identifier: MIT
#pragma once

#include <array>
#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "proc_file.hpp"
#include "sensor.hpp"

namespace vitalsd {

/// One line of a kernel table that lists a device a line (/proc/net/dev, /proc/diskstats): the
/// device's name and its two byte counters (received and sent; read and written), missing where
/// the line lacks them.
struct DeviceRow {
    std::string_view name;  // points into the parsed text
    std::array<double, 2> bytes{kMissing, kMissing};
    unsigned major = 0;  // the device numbers, in diskstats only
    unsigned minor = 0;
};

/// Such a table, kept open and read with pread, and its devices as sensors, in this order: first
/// the total over the devices that count toward it, then each listed device, each with its two
/// counters as rates and, with totals, again as gauges. Which devices are listed and counted is
/// the owner's to say (assign()) whenever read() finds the devices changed.
///
/// The total's gauges are the sum of the counters now. Its rates follow a running sum that grows
/// only by what each device counted between two reads in which it was present: a device that
/// comes with its counters already high (moved from another network namespace, plugged back),
/// goes, or is renamed moves the total rate by nothing instead of by its whole history.
class DeviceTable {
public:
    using Parser = void (*)(std::string_view text, std::vector<DeviceRow>& rows);

    struct Device {
        std::string name;
        bool listed = false;                             // has sensors of its own
        bool in_total = false;                           // counts toward the total
        std::array<double, 2> last{kMissing, kMissing};  // its counters at the previous read
    };

    /// Opens the file at path and reads it once into rows(); no device is known yet.
    /// with_totals: the counters are given as gauges too, after the two rates.
    DeviceTable(std::string path, Parser parse, bool with_totals);

    /// Reads the table again into rows(). Returns whether its rows name other devices than the
    /// known ones, or in another order: the owner then calls assign(). A file that cannot be
    /// read leaves no rows and changes nothing.
    bool read();

    /// Returns the rows of the last read; the names are valid until the next read.
    const std::vector<DeviceRow>& rows() const { return rows_; }

    /// Returns the known devices, in the order of the rows they come from.
    const std::vector<Device>& devices() const { return devices_; }

    /// Makes devices the known ones; a device whose name was known keeps its last counters.
    void assign(std::vector<Device> devices);

    /// Fills out (the total's slots, then each listed device's) from the rows of the last read,
    /// which must name the known devices. No rows (an unreadable file) leaves every slot missing.
    void fill(std::span<RawSample> out);

private:
    std::size_t slots_per_device() const { return with_totals_ ? 4 : 2; }

    ProcFile file_;
    Parser parse_;
    bool with_totals_;
    std::vector<DeviceRow> rows_;  // reused for every read
    std::vector<Device> devices_;
    std::array<double, 2> running_{0.0, 0.0};
};

}  // namespace vitalsd
