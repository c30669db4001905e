// SPDX-License-Identifier: MIT
// The service's sensors as node_exporter's metrics: names, types, labels and what is left out.
#include "node_metrics.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "sensor_pattern.hpp"

namespace vitalsd {
namespace {

const MetricFamily& family(const std::vector<MetricFamily>& families, const std::string& name) {
    for (const auto& f : families) {
        if (f.name == name) {
            return f;
        }
    }
    throw std::out_of_range("no family " + name);
}

std::vector<MetricFamily> families_of(const std::map<std::string, double>& values,
                                      const ExportOptions& options = {}) {
    const std::map<std::string, MountSource> mounts = {{"/", {"/dev/vda1", "ext4"}},
                                                       {"/boot/efi", {"/dev/vda15", "vfat"}}};
    return node_metric_families(1'700'000'000'500'000, values, mounts, options);
}

TEST(NodeMetrics, GiveCpuSecondsByCpuAndModeWithoutTheTotalOverAll) {
    const auto families = families_of({{"cpu/all/seconds/user", 30},
                                       {"cpu/cpu0/seconds/user", 10},
                                       {"cpu/cpu12/seconds/idle", 20.5},
                                       {"cpu/all/usage", 50}});
    const auto& cpu = family(families, "node_cpu_seconds");
    EXPECT_EQ(cpu.type, MetricType::Counter);
    EXPECT_EQ(cpu.unit, "seconds");
    ASSERT_EQ(cpu.samples.size(), 2u);
    EXPECT_EQ(cpu.samples[0].labels,
              (std::vector<std::pair<std::string, std::string>>{{"cpu", "0"}, {"mode", "user"}}));
    EXPECT_EQ(cpu.samples[0].value, 10);
    EXPECT_EQ(cpu.samples[1].labels,
              (std::vector<std::pair<std::string, std::string>>{{"cpu", "12"}, {"mode", "idle"}}));
}

TEST(NodeMetrics, ExposeAMachineAsNodeExporterWould) {
    const std::map<std::string, double> values = {
        {"memory/physical/available", 2048},
        {"memory/physical/used", 1},  // no node_exporter field: left out
        {"load/1", 0.49},
        {"network/all/totalDownload", 999},
        {"network/eth0/totalDownload", 100},
        {"network/odd%2A0/totalUpload", 7},
        {"disk/nvme0n1/totalRead", 4096},
        {"disk/cciss%2Fc0d0/totalWritten", 512},
        {"fs/root/total", 1000},
        {"fs/root/free", 400},
        {"fs/root/used", 500},
        {"fs/boot%2Fefi/total", 10},
        {"fs/media%2Fstick/total", 5},
        {"temperature/coretemp/Package%20id%200", 45.5},
        {"pressure/io/totalFull", 1.25},
        {"pressure/cpu/totalFull", 0},  // always 0 for the whole system: node_exporter has none
        {"system/totalContextSwitches", 256670},
        {"system/uptime", 1000.4},
        {"cpu/cpu1/frequency", 2400.5},
    };
    EXPECT_EQ(expose(families_of(values), ExpositionFormat::Prometheus),
              "# HELP node_cpu_scaling_frequency_hertz Current scaled CPU frequency.\n"
              "# TYPE node_cpu_scaling_frequency_hertz gauge\n"
              "node_cpu_scaling_frequency_hertz{cpu=\"1\"} 2400500000\n"
              "# HELP node_memory_MemAvailable_bytes Memory information field "
              "MemAvailable_bytes.\n"
              "# TYPE node_memory_MemAvailable_bytes gauge\n"
              "node_memory_MemAvailable_bytes 2048\n"
              "# HELP node_load1 1m load average.\n"
              "# TYPE node_load1 gauge\n"
              "node_load1 0.49\n"
              "# HELP node_network_receive_bytes_total Network device statistic receive_bytes.\n"
              "# TYPE node_network_receive_bytes_total counter\n"
              "node_network_receive_bytes_total{device=\"eth0\"} 100\n"
              "# HELP node_network_transmit_bytes_total Network device statistic "
              "transmit_bytes.\n"
              "# TYPE node_network_transmit_bytes_total counter\n"
              "node_network_transmit_bytes_total{device=\"odd*0\"} 7\n"
              "# HELP node_disk_read_bytes_total The total number of bytes read successfully.\n"
              "# TYPE node_disk_read_bytes_total counter\n"
              "node_disk_read_bytes_total{device=\"nvme0n1\"} 4096\n"
              "# HELP node_disk_written_bytes_total The total number of bytes written "
              "successfully.\n"
              "# TYPE node_disk_written_bytes_total counter\n"
              "node_disk_written_bytes_total{device=\"cciss/c0d0\"} 512\n"
              "# HELP node_filesystem_size_bytes Filesystem size in bytes.\n"
              "# TYPE node_filesystem_size_bytes gauge\n"
              "node_filesystem_size_bytes{device=\"/dev/vda15\",fstype=\"vfat\","
              "mountpoint=\"/boot/efi\"} 10\n"
              "node_filesystem_size_bytes{device=\"\",fstype=\"\",mountpoint=\"/media/stick\"} 5\n"
              "node_filesystem_size_bytes{device=\"/dev/vda1\",fstype=\"ext4\",mountpoint=\"/\"} "
              "1000\n"
              "# HELP node_filesystem_avail_bytes Filesystem space available to non-root users "
              "in bytes.\n"
              "# TYPE node_filesystem_avail_bytes gauge\n"
              "node_filesystem_avail_bytes{device=\"/dev/vda1\",fstype=\"ext4\",mountpoint=\"/\"} "
              "400\n"
              "# HELP node_filesystem_free_bytes Filesystem free space in bytes.\n"
              "# TYPE node_filesystem_free_bytes gauge\n"
              "node_filesystem_free_bytes{device=\"/dev/vda1\",fstype=\"ext4\",mountpoint=\"/\"} "
              "500\n"
              "# HELP node_hwmon_temp_celsius Hardware monitor for temperature (input).\n"
              "# TYPE node_hwmon_temp_celsius gauge\n"
              "node_hwmon_temp_celsius{chip=\"coretemp\",sensor=\"Package id 0\"} 45.5\n"
              "# HELP node_pressure_io_stalled_seconds_total Total time in seconds no process "
              "could make progress due to IO congestion.\n"
              "# TYPE node_pressure_io_stalled_seconds_total counter\n"
              "node_pressure_io_stalled_seconds_total 1.25\n"
              "# HELP node_context_switches_total Total number of context switches.\n"
              "# TYPE node_context_switches_total counter\n"
              "node_context_switches_total 256670\n"
              "# HELP node_boot_time_seconds Node boot time, in unixtime.\n"
              "# TYPE node_boot_time_seconds gauge\n"
              "node_boot_time_seconds 1699999000\n"
              "# HELP node_time_seconds System time in seconds since epoch (1970).\n"
              "# TYPE node_time_seconds gauge\n"
              "node_time_seconds 1700000000.5\n");
}

TEST(NodeMetrics, KeepAnEscapedNameThatIsNotUtf8AndLeaveOutMissingValues) {
    EXPECT_EQ(device_from_segment("Package%20id%200"), "Package id 0");
    EXPECT_EQ(device_from_segment("bad%FFname"), "bad%FFname");
    EXPECT_EQ(device_from_segment("%61ll"), "all");
    EXPECT_EQ(device_from_segment("50%"), "50%");
    EXPECT_EQ(mount_point_from_segment("root"), "/");
    EXPECT_EQ(mount_point_from_segment("%72oot"), "/root");
    EXPECT_EQ(mount_point_from_segment("media%2Fme%2FMy%20Disk"), "/media/me/My Disk");

    const auto families = families_of({{"load/5", std::nan("")}});
    EXPECT_TRUE(family(families, "node_load5").samples.empty());
}

TEST(NodeMetrics, ShowGroupsOfProcessesOnlyWhenAskedAndNoMoreThanTheCap) {
    const std::map<std::string, double> values = {{"app/firefox-esr/memory", 900},
                                                  {"app/firefox-esr/processes", 12},
                                                  {"app/user%401000.service/memory", 50},
                                                  {"app/session-2/processes", 3},
                                                  {"app/system/memory", 400},
                                                  {"app/system/processes", 80}};
    EXPECT_TRUE(family(families_of(values), "vitals_app_memory_bytes").samples.empty());

    const auto families = families_of(values, {.max_applications = 2});
    const auto& memory = family(families, "vitals_app_memory_bytes");
    ASSERT_EQ(memory.samples.size(), 2u);
    EXPECT_EQ(memory.samples[0].labels[0].second, "firefox-esr");
    EXPECT_EQ(memory.samples[1].labels[0].second, "system");
    EXPECT_EQ(family(families, "vitals_app_processes").samples.size(), 2u);

    const auto all = families_of(values, {.max_applications = 10});
    EXPECT_EQ(family(all, "vitals_app_processes").samples.size(), 3u);
    EXPECT_EQ(family(all, "vitals_app_memory_bytes").samples[2].labels[0].second,
              "user@1000.service");
}

TEST(NodeMetrics, HaveValidNamesAndUnitsThatEndTheirNames) {
    for (const auto& f : families_of({})) {
        EXPECT_TRUE(is_valid_metric_name(f.name)) << f.name;
        EXPECT_FALSE(f.name.ends_with("_total")) << "the formats add it to counters: " << f.name;
        EXPECT_FALSE(f.help.empty()) << f.name;
        if (!f.unit.empty()) {
            EXPECT_TRUE(f.name.ends_with("_" + f.unit)) << f.name;
        }
    }
}

TEST(NodeMetrics, AskTheServiceForValidPatternsOfCountersAndGaugesOnly) {
    const auto patterns = exported_sensor_patterns({.max_applications = 5});
    for (const auto& pattern : patterns) {
        EXPECT_NO_THROW(SensorPattern{pattern}) << pattern;
        for (const char* rate : {"/usage", "/download", "/upload", "/read", "/write", "/cpu",
                                 "/some", "/full", "/contextSwitches"}) {
            EXPECT_FALSE(pattern.ends_with(rate)) << pattern;
        }
    }
    EXPECT_NE(std::find(patterns.begin(), patterns.end(), "app/*/memory"), patterns.end());
    // What a machine may lack is asked for with a pattern, which may match nothing.
    for (const char* pattern :
         {"cpu/*/temperature", "pressure/*/totalSome", "pressure/*/totalFull"}) {
        EXPECT_EQ(std::count(patterns.begin(), patterns.end(), pattern), 1) << pattern;
    }
    EXPECT_EQ(std::count(patterns.begin(), patterns.end(), "pressure/io/totalFull"), 0);
    const auto without = exported_sensor_patterns({});
    EXPECT_EQ(std::find(without.begin(), without.end(), "app/*/memory"), without.end());
}

}  // namespace
}  // namespace vitalsd
