// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "exposition.hpp"
#include "mount_sources.hpp"

namespace vitalsd {

/// What an exposition holds beyond the machine's own figures.
struct ExportOptions {
    /// At most this many groups of processes (app/<id>), those with the most memory; 0: none.
    std::size_t max_applications = 0;
};

/// Returns the sensor patterns a GetValues call asks for to expose every family: the kernel's
/// counters and the gauges, never a rate that would make the service measure.
std::vector<std::string> exported_sensor_patterns(const ExportOptions& options);

/// Returns the metric families of a GetValues reply (its timestamp and values), named as
/// node_exporter names the same figures (node_cpu_seconds_total{cpu,mode},
/// node_memory_MemAvailable_bytes, node_filesystem_avail_bytes{device,fstype,mountpoint}, ...)
/// and vitals_... where it has none, in a fixed order. Sensors that no family shows (rates,
/// shares, the totals over all devices) are left out; so are groups of processes past the
/// options' cap. A file system's device and type come from mounts, by its mount point.
std::vector<MetricFamily> node_metric_families(std::uint64_t timestamp_usec,
                                               const std::map<std::string, double>& values,
                                               const std::map<std::string, MountSource>& mounts,
                                               const ExportOptions& options);

/// Returns a device's name from its segment of a sensor id: the %XX escapes undone, unless that
/// gives bytes that are not UTF-8, which a label value cannot hold: then the segment as it is.
std::string device_from_segment(const std::string& segment);

/// Returns the mount point of an fs/<name> segment: "/" for root, else "/" and the name with
/// its %XX escapes undone.
std::string mount_point_from_segment(const std::string& segment);

}  // namespace vitalsd
