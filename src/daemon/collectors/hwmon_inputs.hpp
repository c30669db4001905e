// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "directory_listing.hpp"
#include "sysfs_attribute.hpp"

namespace vitalsd {

/// A hwmon chip, an entry of <sys>/class/hwmon.
struct HwmonChip {
    std::string dir;      ///< where its attributes are
    std::string name;     ///< its name file, else the entry's name (hwmonN)
    std::string id_name;  ///< name, made unique among the chips: nvme, then nvme_1, nvme_2, ...
};

/// Returns the chips of the entries of hwmon_dir in the order of their devices' paths (stable
/// from boot to boot, unlike hwmonN), each named after its name file and numbered over every chip
/// of the same name in that order, so that one chip has one name in every family of sensors. A
/// few old drivers keep the attributes, name included, in the device's directory rather than the
/// hwmon one: dir is then that one.
std::vector<HwmonChip> describe_hwmon_chips(const std::string& hwmon_dir,
                                            const std::vector<std::string>& entries);

/// Returns N of a hwmon attribute's file name <kind>N_<item> ("temp3_input" with kind "temp" and
/// item "input" gives 3), or nullopt when the name is not of that form: another kind or item, no
/// number, or one with a sign or a leading zero, which the kernel never writes.
std::optional<unsigned> hwmon_channel_number(std::string_view file, std::string_view kind,
                                             std::string_view item);

/// Returns name when no earlier name in taken is the same, else the first of name_1, name_2, ...
/// that is not taken.
std::string unique_name(const std::string& name, const std::vector<std::string>& taken);

/// One channel of a chip: its number, its label (empty without a label file) and its name, the
/// label or else <kind>N, made unique within the chip.
struct HwmonChannel {
    unsigned number = 0;
    std::string label;
    std::string name;
};

/// An input of a chip found by HwmonInputs.
struct HwmonInput {
    std::size_t chip = 0;  ///< in chips()
    HwmonChannel channel;
};

/// The inputs of one kind of every hwmon chip (tempN_input, fanN_input; the attribute sysfs-
/// interface.rst documents for the kind), found again whenever the chips change, with their files
/// kept open. What a collector of a family of hwmon sensors stands on: it names its sensors after
/// chips() and inputs() and says how often read() may run.
class HwmonInputs {
public:
    /// Says which inputs to keep: a collector of a few chips' inputs (a power meter's) opens none
    /// of the others.
    using Filter = bool (*)(const HwmonChip& chip, const HwmonChannel& channel);

    /// Lists <sys_root>/class/hwmon and finds the inputs of kind: a channel's input is the first
    /// of the items it has (<kind>N_<item>), for every chip and channel that filter, when given,
    /// keeps.
    HwmonInputs(const std::string& sys_root, std::string kind,
                std::initializer_list<std::string_view> items, Filter filter = nullptr);

    /// Lists the chips again; when they changed (see DirectoryListing::refresh), finds the inputs
    /// again and returns true. Allocates nothing while the chips stay.
    bool refresh();

    const std::vector<HwmonChip>& chips() const { return chips_; }
    /// Returns the inputs, chip by chip in the order of chips(), each chip's by number.
    const std::vector<HwmonInput>& inputs() const { return inputs_; }

    /// Reads every input now into values(), in the order of inputs(): the number in the file, or
    /// kMissing where it cannot be read or is not an integer. Allocates nothing.
    void read();
    const std::vector<double>& values() const { return values_; }

private:
    void find();

    std::string hwmon_dir_;
    std::string kind_;
    std::vector<std::string> items_;
    Filter filter_;
    DirectoryListing listing_;
    std::vector<HwmonChip> chips_;
    std::vector<HwmonInput> inputs_;
    std::vector<SysfsAttribute> files_;  // in the order of inputs_
    std::vector<double> values_;
};

}  // namespace vitalsd
