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

// upower's limits, for the numbers batteries make up (up-device-supply.c): no rate while the
// battery holds less than 0.1 Wh, nor above 300 W; no time to empty above ten days, nor to full
// above 20 hours.
constexpr double kLeastEnergyMicrowattHours = 100'000;
constexpr double kMostPowerWatts = 300;
constexpr double kMostSecondsToEmpty = 240 * 3600;
constexpr double kMostSecondsToFull = 20 * 3600;

double ratio_percent(const std::optional<double>& part, const std::optional<double>& whole) {
    if (!part || !whole || *whole <= 0) {
        return kMissing;
    }
    return 100.0 * *part / *whole;
}

double held_to_percent(double percent) {
    return std::isnan(percent) ? kMissing : std::clamp(percent, 0.0, 100.0);
}

// Returns the power in W whichever way it flows: power_now, else current_now × voltage_now.
double power_watts(const BatteryReading& battery) {
    if (battery.power_now) {
        return std::fabs(*battery.power_now) / 1e6;
    }
    if (battery.current_now && battery.voltage_now) {
        return std::fabs(*battery.current_now) * std::fabs(*battery.voltage_now) / 1e12;
    }
    return kMissing;
}

// What a battery holds, can hold and gives or takes a second: in µWh and µW, or for a battery
// that counts charge, in µAh and µA.
struct Store {
    double now;
    double full;
    double rate;
};

std::optional<Store> store_of(const BatteryReading& battery) {
    if (battery.energy_now) {
        const double watts = power_watts(battery);
        if (*battery.energy_now < kLeastEnergyMicrowattHours || !(watts <= kMostPowerWatts)) {
            return std::nullopt;
        }
        return Store{*battery.energy_now, battery.energy_full.value_or(kMissing), watts * 1e6};
    }
    if (battery.charge_now && battery.current_now) {
        return Store{*battery.charge_now, battery.charge_full.value_or(kMissing),
                     std::fabs(*battery.current_now)};
    }
    return std::nullopt;
}

// Returns the seconds the rate takes to move left of the store, when at most most; else kMissing.
double seconds_for(double left, const Store& store, double most) {
    if (!(store.rate > 0)) {
        return kMissing;
    }
    const double seconds = 3600.0 * left / store.rate;
    return seconds <= most ? seconds : kMissing;
}

std::optional<double> number(SysfsAttribute& file) {
    const auto value = file.read_number<long long>();
    return value ? std::optional<double>(static_cast<double>(*value)) : std::nullopt;
}

// Whether a supply is the system's own rather than a peripheral's (scope Device: a mouse's
// battery, a headset's).
bool is_the_systems(const std::string& supply_dir) {
    return read_attribute(supply_dir + "/scope") != "Device";
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
    if (battery.capacity) {
        return held_to_percent(*battery.capacity);
    }
    if (battery.energy_now || battery.energy_full) {
        return held_to_percent(ratio_percent(battery.energy_now, battery.energy_full));
    }
    return held_to_percent(ratio_percent(battery.charge_now, battery.charge_full));
}

double battery_health(const BatteryReading& battery) {
    if (battery.energy_full || battery.energy_full_design) {
        return held_to_percent(ratio_percent(battery.energy_full, battery.energy_full_design));
    }
    return held_to_percent(ratio_percent(battery.charge_full, battery.charge_full_design));
}

double battery_time_to_empty(const BatteryReading& battery) {
    const auto store = store_of(battery);
    if (battery.status != BatteryStatus::Discharging || !store) {
        return kMissing;
    }
    return seconds_for(store->now, *store, kMostSecondsToEmpty);
}

double battery_time_to_full(const BatteryReading& battery) {
    const auto store = store_of(battery);
    if (battery.status != BatteryStatus::Charging || !store) {
        return kMissing;
    }
    // NaN without a full charge: no time.
    const double left = store->full < store->now ? 0.0 : store->full - store->now;
    return seconds_for(left, *store, kMostSecondsToFull);
}

double system_draw(const DrawSources& sources) {
    if (sources.on_battery) {
        return sources.battery_watts;
    }
    if (sources.meters.empty()) {
        return kMissing;
    }
    double microwatts = 0;  // NaN when a meter could not be read
    for (const double meter : sources.meters) {
        microwatts += meter;
    }
    return microwatts / 1e6;
}

bool meters_the_machine(const HwmonChip& chip, const HwmonChannel&) {
    return chip.name == "power_meter";
}

double battery_rate(const BatteryReading& battery) {
    const double watts = power_watts(battery);
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
    : dir_(sys_root + "/class/power_supply"),
      supplies_(dir_),
      meters_(sys_root, "power", {"input", "average"}, meters_the_machine) {
    find_batteries();
    check_presence();
    describe();
}

void PowerCollector::find_batteries() {
    batteries_.clear();
    online_.clear();
    for (const auto& name : supplies_.entries()) {
        const auto dir = dir_ + "/" + name;
        if (!is_the_systems(dir)) {
            continue;
        }
        if (read_attribute(dir + "/type") != "Battery") {
            SysfsAttribute online(dir + "/online");
            if (online.is_open()) {
                online_.push_back(std::move(online));
            }
            continue;
        }
        Battery battery{name,
                        SysfsAttribute(dir + "/present"),
                        SysfsAttribute(dir + "/status"),
                        SysfsAttribute(dir + "/capacity"),
                        SysfsAttribute(dir + "/energy_now"),
                        SysfsAttribute(dir + "/energy_full"),
                        SysfsAttribute(dir + "/energy_full_design"),
                        SysfsAttribute(dir + "/charge_now"),
                        SysfsAttribute(dir + "/charge_full"),
                        SysfsAttribute(dir + "/charge_full_design"),
                        SysfsAttribute(dir + "/power_now"),
                        SysfsAttribute(dir + "/current_now"),
                        SysfsAttribute(dir + "/voltage_now")};
        // Keep only the files that the battery_* functions will use: one read fewer each. A
        // battery that counts energy is measured by its energy alone; one that counts charge
        // needs its current for the times even with a power_now.
        const bool counts_energy = battery.energy_now.is_open() || battery.energy_full.is_open();
        if (counts_energy || battery.energy_full_design.is_open()) {
            battery.charge_now = SysfsAttribute();
            battery.charge_full = SysfsAttribute();
            battery.charge_full_design = SysfsAttribute();
        }
        if (battery.power_now.is_open()) {
            battery.voltage_now = SysfsAttribute();
            if (counts_energy) {
                battery.current_now = SysfsAttribute();
            }
        }
        battery.has_health =
            (battery.energy_full.is_open() && battery.energy_full_design.is_open()) ||
            (battery.charge_full.is_open() && battery.charge_full_design.is_open());
        const bool has_power = battery.power_now.is_open() ||
                               (battery.current_now.is_open() && battery.voltage_now.is_open());
        battery.has_times = (battery.energy_now.is_open() && has_power) ||
                            (battery.charge_now.is_open() && battery.current_now.is_open());
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
        const auto add = [&](const char* figure, const char* unit, const char* label,
                             const std::string& description) {
            sensors_.push_back(
                {prefix + figure, unit, name + " " + label, description, SensorKind::Gauge});
        };
        add("charge", "%", "charge",
            "Charge of battery " + name +
                " (capacity, else energy_now / energy_full, else charge_now / charge_full)");
        add("rate", "W", "power",
            "Power drawn from battery " + name +
                ": positive while discharging, negative while charging, 0 when full or not "
                "charging (power_now, else current_now × voltage_now)");
        if (battery.has_health) {
            add("health", "%", "health",
                "What battery " + name +
                    " holds when full, in % of what it held new (energy_full / "
                    "energy_full_design, else charge_full / charge_full_design)");
        }
        if (battery.has_times) {
            add("timeToEmpty", "s", "time to empty",
                "Time until battery " + name +
                    " is empty at the present rate, while it discharges (as upower's TimeToEmpty)");
            add("timeToFull", "s", "time to full",
                "Time until battery " + name +
                    " is full at the present rate, while it charges (as upower's TimeToFull)");
        }
    }
    has_draw_ = std::any_of(batteries_.begin(), batteries_.end(),
                            [](const Battery& battery) { return battery.shown; }) ||
                !meters_.inputs().empty();
    if (has_draw_) {
        sensors_.push_back({"power/system/draw", "W", "System power",
                            "Power the machine draws: while it runs on battery what its batteries "
                            "give, else what its power meters measure (the ACPI power meter)",
                            SensorKind::Gauge});
    }
    return sensors_ != before;
}

bool PowerCollector::read(std::vector<RawSample>& out) {
    const bool found = supplies_.refresh();
    if (found) {
        find_batteries();
    }
    const bool metered = meters_.refresh();
    const bool changed = (check_presence() || found || metered) && describe();
    DrawSources draw;
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
        reading.energy_full_design = number(battery.energy_full_design);
        reading.charge_now = number(battery.charge_now);
        reading.charge_full = number(battery.charge_full);
        reading.charge_full_design = number(battery.charge_full_design);
        reading.power_now = number(battery.power_now);
        reading.current_now = number(battery.current_now);
        reading.voltage_now = number(battery.voltage_now);
        out[slot++] = {battery_charge(reading)};
        out[slot++] = {battery_rate(reading)};
        if (reading.status == BatteryStatus::Discharging) {
            draw.on_battery = true;
            draw.battery_watts += battery_rate(reading);
        }
        if (battery.has_health) {
            out[slot++] = {battery_health(reading)};
        }
        if (battery.has_times) {
            out[slot++] = {battery_time_to_empty(reading)};
            out[slot++] = {battery_time_to_full(reading)};
        }
    }
    if (has_draw_) {
        for (auto& online : online_) {
            // An online file that cannot be read may say online: no guess that it does not.
            draw.on_battery = draw.on_battery && online.read() == "0";
        }
        meters_.read();
        draw.meters = meters_.values();
        out[slot] = {system_draw(draw)};
    }
    return changed;
}

}  // namespace vitalsd
