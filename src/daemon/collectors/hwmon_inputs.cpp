// SPDX-License-Identifier: MIT
// Finds and reads hwmon chips and their channels, documented in
// https://docs.kernel.org/hwmon/sysfs-interface.html (Documentation/hwmon/sysfs-interface.rst):
// a chip's name, its <kind>N_<item> attributes and their <kind>N_label.
#include "hwmon_inputs.hpp"

#include <algorithm>
#include <cstdlib>
#include <memory>

#include "parse.hpp"
#include "sensor.hpp"

namespace vitalsd {
namespace {

struct ChipPlace {
    std::string sort_key;  // the device's path
    HwmonChip chip;
};

ChipPlace place_chip(const std::string& hwmon_dir, const std::string& entry) {
    ChipPlace place;
    auto& chip = place.chip;
    chip.dir = hwmon_dir + "/" + entry;
    std::unique_ptr<char, decltype(&std::free)> real(::realpath(chip.dir.c_str(), nullptr),
                                                     &std::free);
    place.sort_key = real ? real.get() : chip.dir;
    auto name = read_attribute(chip.dir + "/name");
    if (!name) {
        name = read_attribute(chip.dir + "/device/name");
        if (name) {
            chip.dir += "/device";
        }
    }
    chip.name = name && !name->empty() ? *name : entry;
    return place;
}

struct Found {
    HwmonChannel channel;
    std::string attribute;  // the input's file name
};

// Returns the channels of kind in a chip's directory that have one of items, by number, each with
// the first of items it has as its input.

std::vector<Found> find_channels(const std::string& dir, const std::string& kind,
                                 const std::vector<std::string>& items) {
    std::vector<Found> found;
    const auto files = list_directory(dir);
    for (const auto& item : items) {
        for (const auto& file : files) {
            const auto number = hwmon_channel_number(file, kind, item);
            const bool known = number && std::any_of(found.begin(), found.end(), [&](auto& f) {
                                   return f.channel.number == *number;
                               });
            if (number && !known) {
                found.push_back({{*number, {}, {}}, file});
            }
        }
    }
    std::sort(found.begin(), found.end(),
              [](const Found& a, const Found& b) { return a.channel.number < b.channel.number; });
    std::vector<std::string> names;
    for (auto& [channel, attribute] : found) {
        const auto prefix = kind + std::to_string(channel.number);
        channel.label = read_attribute(dir + "/" + prefix + "_label").value_or("");
        names.push_back(unique_name(channel.label.empty() ? prefix : channel.label, names));
        channel.name = names.back();
    }
    return found;
}

}  // namespace

std::vector<HwmonChip> describe_hwmon_chips(const std::string& hwmon_dir,
                                            const std::vector<std::string>& entries) {
    std::vector<ChipPlace> places;
    for (const auto& entry : entries) {
        places.push_back(place_chip(hwmon_dir, entry));
    }
    std::sort(places.begin(), places.end(),
              [](const ChipPlace& a, const ChipPlace& b) { return a.sort_key < b.sort_key; });
    std::vector<HwmonChip> chips;
    std::vector<std::string> names;
    for (auto& place : places) {
        names.push_back(unique_name(place.chip.name, names));
        place.chip.id_name = names.back();
        chips.push_back(std::move(place.chip));
    }
    return chips;
}

std::optional<unsigned> hwmon_channel_number(std::string_view file, std::string_view kind,
                                             std::string_view item) {
    if (!file.starts_with(kind) || file.size() < kind.size() + 1 + item.size() ||
        !file.ends_with(item) || file[file.size() - item.size() - 1] != '_') {
        return std::nullopt;
    }
    const auto digits = file.substr(kind.size(), file.size() - kind.size() - item.size() - 1);
    if (digits.size() > 1 && digits.front() == '0') {
        return std::nullopt;
    }
    return parse::number<unsigned>(digits);
}

std::string unique_name(const std::string& name, const std::vector<std::string>& taken) {
    const auto is_taken = [&](const std::string& candidate) {
        return std::find(taken.begin(), taken.end(), candidate) != taken.end();
    };
    if (!is_taken(name)) {
        return name;
    }
    for (std::size_t n = 1;; ++n) {
        auto candidate = name + "_" + std::to_string(n);
        if (!is_taken(candidate)) {
            return candidate;
        }
    }
}

HwmonInputs::HwmonInputs(const std::string& sys_root, std::string kind,
                         std::initializer_list<std::string_view> items, Filter filter)
    : hwmon_dir_(sys_root + "/class/hwmon"),
      kind_(std::move(kind)),
      items_(items.begin(), items.end()),
      filter_(filter),
      listing_(hwmon_dir_) {
    find();
}

bool HwmonInputs::refresh() {
    if (!listing_.refresh()) {
        return false;
    }
    find();
    return true;
}

void HwmonInputs::find() {
    chips_ = describe_hwmon_chips(hwmon_dir_, listing_.entries());
    inputs_.clear();
    files_.clear();
    for (std::size_t c = 0; c < chips_.size(); ++c) {
        for (auto& [channel, attribute] : find_channels(chips_[c].dir, kind_, items_)) {
            if (filter_ == nullptr || filter_(chips_[c], channel)) {
                files_.emplace_back(chips_[c].dir + "/" + attribute);
                inputs_.push_back({c, std::move(channel)});
            }
        }
    }
    values_.assign(inputs_.size(), kMissing);
}

void HwmonInputs::read() {
    for (std::size_t i = 0; i < files_.size(); ++i) {
        const auto number = files_[i].read_number<long long>();
        values_[i] = number ? static_cast<double>(*number) : kMissing;
    }
}

}  // namespace vitalsd
