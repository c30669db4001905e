// SPDX-License-Identifier: MIT
// Reads batteries from the power_supply class, documented in
// https://www.kernel.org/doc/Documentation/ABI/testing/sysfs-class-power
// (Documentation/ABI/testing/sysfs-class-power): type, scope, present, status, capacity,
// energy_* (µWh), charge_* (µAh), power_now (µW), current_now (µA), voltage_now (µV).
#include "power.hpp"

#include <algorithm>
#include <cmath>

#include "sensor_id.hpp"

namespace vitalsd {
namespace {

double ratio_percent(const std::optional<double>& part, const std::optional<double>& whole) {
    if (!part || !whole || *whole <= 0) {
        return kMissing;
    }
    return 100.0 * *part / *whole;
}

std::optional<double> number(SysfsAttribute& file) {
    const auto value = file.read_number<long long>();
    return value ? std::optional<double>(static_cast<double>(*value)) : std::nullopt;
}

// Whether a supply is a battery of the system's own: type Battery, and not a peripheral's.
bool is_system_battery(const std::string& supply_dir) {
    return read_attribute(supply_dir + "/type") == "Battery" &&
           read_attribute(supply_dir + "/scope") != "Device";
}

}  // namespace

BatteryStatus parse_battery_status(std::string_view text) {
    if (text == "Charging") {
        return BatteryStatus::Charging;
    }
    if (text == "Discharging") {
        return BatteryStatus::Discharging;
    }
    if (text == "Not charging") {
        return BatteryStatus::NotCharging;
    }
    return text == "Full" ? BatteryStatus::Full : BatteryStatus::Unknown;
}

double battery_charge(const BatteryReading& battery) {
    double percent = kMissing;
    if (battery.capacity) {
        percent = *battery.capacity;
    } else if (battery.energy_now || battery.energy_full) {
        percent = ratio_percent(battery.energy_now, battery.energy_full);
    } else {
        percent = ratio_percent(battery.charge_now, battery.charge_full);
    }
    return std::isnan(percent) ? kMissing : std::clamp(percent, 0.0, 100.0);
}

double battery_rate(const BatteryReading& battery) {
    double watts = kMissing;
    if (battery.power_now) {
        watts = std::fabs(*battery.power_now) / 1e6;
    } else if (battery.current_now && battery.voltage_now) {
        watts = std::fabs(*battery.current_now) * std::fabs(*battery.voltage_now) / 1e12;
    }
    switch (battery.status) {
        case BatteryStatus::Discharging:
            return watts;
        case BatteryStatus::Charging:
            return -watts;
        case BatteryStatus::Full:
        case BatteryStatus::NotCharging:
            return 0.0;
        case BatteryStatus::Unknown:
            break;
    }
    return kMissing;
}

PowerCollector::PowerCollector(const std::string& sys_root)
    : dir_(sys_root + "/class/power_supply"), supplies_(dir_) {
    find_batteries();
    check_presence();
    describe();
}

void PowerCollector::find_batteries() {
    batteries_.clear();
    for (const auto& name : supplies_.entries()) {
        const auto dir = dir_ + "/" + name;
        if (!is_system_battery(dir)) {
            continue;
        }
        Battery battery{name,
                        SysfsAttribute(dir + "/present"),
                        SysfsAttribute(dir + "/status"),
                        SysfsAttribute(dir + "/capacity"),
                        SysfsAttribute(dir + "/energy_now"),
                        SysfsAttribute(dir + "/energy_full"),
                        SysfsAttribute(dir + "/charge_now"),
                        SysfsAttribute(dir + "/charge_full"),
                        SysfsAttribute(dir + "/power_now"),
                        SysfsAttribute(dir + "/current_now"),
                        SysfsAttribute(dir + "/voltage_now")};
        // Keep only the files that battery_charge and battery_rate will use: one read fewer each.
        if (battery.capacity.is_open() || battery.energy_now.is_open() ||
            battery.energy_full.is_open()) {
            battery.charge_now = SysfsAttribute();
            battery.charge_full = SysfsAttribute();
        }
        if (battery.capacity.is_open()) {
            battery.energy_now = SysfsAttribute();
            battery.energy_full = SysfsAttribute();
        }
        if (battery.power_now.is_open()) {
            battery.current_now = SysfsAttribute();
            battery.voltage_now = SysfsAttribute();
        }
        batteries_.push_back(std::move(battery));
    }
}

bool PowerCollector::check_presence() {
    bool changed = false;
    for (auto& battery : batteries_) {
        // Without a present file (or when it cannot be read) a registered battery is there.
        const bool present = battery.present.read() != "0";
        changed |= present != battery.shown;
        battery.shown = present;
    }
    return changed;
}

bool PowerCollector::describe() {
    auto before = std::move(sensors_);
    sensors_.clear();
    for (const auto& battery : batteries_) {
        if (!battery.shown) {
            continue;
        }
        const auto prefix = "power/" + id_segment(battery.name) + "/";
        const auto& name = battery.name;
        sensors_.push_back({prefix + "charge", "%", name + " charge",
                            "Charge of battery " + name +
                                " (capacity, else energy_now / energy_full, else charge_now / "
                                "charge_full)",
                            SensorKind::Gauge});
        sensors_.push_back({prefix + "rate", "W", name + " power",
                            "Power drawn from battery " + name +
                                ": positive while discharging, negative while charging, 0 when "
                                "full or not charging (power_now, else current_now × voltage_now)",
                            SensorKind::Gauge});
    }
    return sensors_ != before;
}

bool PowerCollector::read(std::vector<RawSample>& out) {
    const bool found = supplies_.refresh();
    if (found) {
        find_batteries();
    }
    const bool changed = (check_presence() || found) && describe();
    out.resize(sensors_.size());
    std::size_t slot = 0;
    for (auto& battery : batteries_) {
        if (!battery.shown) {
            continue;
        }
        BatteryReading reading;
        reading.status = parse_battery_status(battery.status.read().value_or(""));
        reading.capacity = number(battery.capacity);
        reading.energy_now = number(battery.energy_now);
        reading.energy_full = number(battery.energy_full);
        reading.charge_now = number(battery.charge_now);
        reading.charge_full = number(battery.charge_full);
        reading.power_now = number(battery.power_now);
        reading.current_now = number(battery.current_now);
        reading.voltage_now = number(battery.voltage_now);
        out[slot++] = {battery_charge(reading)};
        out[slot++] = {battery_rate(reading)};
    }
    return changed;
}

}  // namespace vitalsd
