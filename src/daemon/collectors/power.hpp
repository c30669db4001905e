// SPDX-License-Identifier: MIT
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "collector.hpp"
#include "directory_listing.hpp"
#include "hwmon_inputs.hpp"
#include "sysfs_attribute.hpp"

namespace vitalsd {

enum class BatteryStatus { Unknown, Charging, Discharging, NotCharging, Full };

/// Returns the status a power supply's status file names ("Charging", "Discharging", "Not
/// charging", "Full"); Unknown for "Unknown" and anything else.
BatteryStatus parse_battery_status(std::string_view text);

/// What a battery's files said, in the kernel's units (%, µWh, µAh, µW, µA, µV); each missing
/// when the battery has no such file or it could not be read.
struct BatteryReading {
    BatteryStatus status = BatteryStatus::Unknown;
    std::optional<double> capacity;
    std::optional<double> energy_now;
    std::optional<double> energy_full;
    std::optional<double> energy_full_design;
    std::optional<double> charge_now;
    std::optional<double> charge_full;
    std::optional<double> charge_full_design;
    std::optional<double> power_now;
    std::optional<double> current_now;
    std::optional<double> voltage_now;
};

/// Returns the charge in percent: capacity, else energy_now / energy_full, else charge_now /
/// charge_full, held to [0, 100] (a battery may hold more than its last full charge); kMissing
/// when none is known.
double battery_charge(const BatteryReading& battery);

/// Returns the power in W: power_now, else current_now × voltage_now, positive while the battery
/// discharges and negative while it charges, as upower's EnergyRate (drivers differ in the sign
/// of their own numbers, so the status decides it); 0 when it is full or not charging; kMissing
/// when the power or the direction (status Unknown) is not known.
double battery_rate(const BatteryReading& battery);

/// Returns the health in %: energy_full / energy_full_design, else charge_full /
/// charge_full_design, held to [0, 100] as upower holds its Capacity (a new battery may hold a
/// little more than its design); kMissing when neither pair is known.
double battery_health(const BatteryReading& battery);

/// Returns the seconds until the battery is empty while it discharges, as upower computes its
/// TimeToEmpty: energy_now / power (power_now, else current_now × voltage_now), or for a battery
/// that counts charge, charge_now / current_now (what upower's conversion of both to energy at
/// one voltage comes to). kMissing when it does not discharge, the numbers are not known, the
/// power is 0, the battery holds less than 0.1 Wh or the time is over ten days: upower's limits
/// for rates that batteries make up when nearly empty or idle.
double battery_time_to_empty(const BatteryReading& battery);

/// Returns the seconds until the battery is full while it charges, as upower computes its
/// TimeToFull: (energy_full - energy_now) / power, or (charge_full - charge_now) / current_now;
/// 0 when it holds more than its last full charge; kMissing as battery_time_to_empty is, the
/// limit being 20 hours.
double battery_time_to_full(const BatteryReading& battery);

/// What the power the machine draws is found from at one read.
struct DrawSources {
    bool on_battery = false;         ///< a battery discharges and no other supply is online
    double battery_watts = 0;        ///< the rates of the batteries that discharge, summed
    std::span<const double> meters;  ///< what the machine's power meters say, in µW
};

/// Returns the power the machine draws, in W: while it runs on its batteries, what they give;
/// else the sum of its power meters, when it has any; else kMissing, as it is when a number it
/// needs is. Never a guess from the parts (a GPU's power, a CPU's): those are not the machine's.
double system_draw(const DrawSources& sources);

/// Returns whether a hwmon chip's power channel meters the whole machine: the ACPI power meter
/// (acpi_power_meter, the chip "power_meter" of servers; power1_average in µW).
bool meters_the_machine(const HwmonChip& chip, const HwmonChannel& channel);

/// Batteries from <sys>/class/power_supply/*, for each supply of type Battery that powers the
/// system (not a mouse's or a headset's, scope Device) and is present: power/<supply>/charge in %,
/// power/<supply>/rate in W, power/<supply>/health in %, power/<supply>/timeToEmpty and
/// power/<supply>/timeToFull in s (see the functions above); health and the times only for a
/// battery that has the files they need. A battery plugged in or out changes the sensors.
///
/// And power/system/draw in W (system_draw), where the machine has a battery or a power meter of
/// its own (meters_the_machine, under <sys>/class/hwmon): the batteries' rates while no other
/// supply of the system's (mains, USB) says it is online, else the meters'.
class PowerCollector final : public Collector {
public:
    explicit PowerCollector(const std::string& sys_root);

    const std::vector<SensorInfo>& sensors() const override { return sensors_; }
    bool read(std::vector<RawSample>& out) override;
    std::vector<std::string> later_sensor_patterns() const override { return {"power/*/*"}; }

private:
    struct Battery {
        std::string name;
        SysfsAttribute present;  // absent for most: a battery taken out unregisters
        SysfsAttribute status;
        SysfsAttribute capacity;
        SysfsAttribute energy_now;
        SysfsAttribute energy_full;
        SysfsAttribute energy_full_design;
        SysfsAttribute charge_now;
        SysfsAttribute charge_full;
        SysfsAttribute charge_full_design;
        SysfsAttribute power_now;
        SysfsAttribute current_now;
        SysfsAttribute voltage_now;
        bool has_health = false;  // has the files of battery_health
        bool has_times = false;   // has the files of battery_time_to_empty and _to_full
        bool shown = false;       // present, so it has sensors
    };

    // Finds the batteries and the other supplies' online files again.
    void find_batteries();
    // Notes which batteries are present; returns whether that changed.
    bool check_presence();
    // Lists the sensors of the batteries present; returns whether they changed.
    bool describe();

    std::string dir_;
    DirectoryListing supplies_;
    std::vector<Battery> batteries_;
    std::vector<SysfsAttribute> online_;  // of the system's other supplies: mains, USB
    HwmonInputs meters_;
    bool has_draw_ = false;
    std::vector<SensorInfo> sensors_;
};

}  // namespace vitalsd
