// SPDX-License-Identifier: MIT
// vitalsctl get: values now, scaled with units, raw, or in JSON; the service's errors in one line.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include "ctl_process.hpp"
#include "json_reader.hpp"

namespace vitalsd::test {
namespace {

TEST(Get, ShowsEverySensorScaledWithItsUnit) {
    PrivateBus bus(basic_fixture_args());

    const auto result = run_ctl(bus, {"get"});

    EXPECT_EQ(result.exit_code, 0) << result.err;
    // tests/fixtures/basic: MemTotal 24684084 kB, MemAvailable 24358056 kB, no swap, a static
    // /proc/stat and /proc/pressure (so every share and rate is 0), load 0.49 0.22 0.07, four pid
    // directories; no net/dev, diskstats or uptime, so those sensors have no value to show.
    EXPECT_EQ(result.out,
              "cpu/all/usage                      0.0 %\n"
              "cpu/all/user                       0.0 %\n"
              "cpu/all/system                     0.0 %\n"
              "cpu/all/iowait                     0.0 %\n"
              "cpu/cpu0/usage                     0.0 %\n"
              "cpu/cpu0/user                      0.0 %\n"
              "cpu/cpu0/system                    0.0 %\n"
              "cpu/cpu0/iowait                    0.0 %\n"
              "cpu/cpu1/usage                     0.0 %\n"
              "cpu/cpu1/user                      0.0 %\n"
              "cpu/cpu1/system                    0.0 %\n"
              "cpu/cpu1/iowait                    0.0 %\n"
              "cpu/all/count                        2\n"
              "cpu/all/seconds/user           1 min 3 s\n"
              "cpu/all/seconds/nice               0.0 s\n"
              "cpu/all/seconds/system            24.2 s\n"
              "cpu/all/seconds/idle          22 min 4 s\n"
              "cpu/all/seconds/iowait             3.9 s\n"
              "cpu/all/seconds/irq                0.0 s\n"
              "cpu/all/seconds/softirq            0.3 s\n"
              "cpu/all/seconds/steal              1.3 s\n"
              "cpu/cpu0/seconds/user             25.5 s\n"
              "cpu/cpu0/seconds/nice              0.0 s\n"
              "cpu/cpu0/seconds/system           10.1 s\n"
              "cpu/cpu0/seconds/idle        11 min 12 s\n"
              "cpu/cpu0/seconds/iowait            0.1 s\n"
              "cpu/cpu0/seconds/irq               0.0 s\n"
              "cpu/cpu0/seconds/softirq           0.1 s\n"
              "cpu/cpu0/seconds/steal             0.9 s\n"
              "cpu/cpu1/seconds/user             37.3 s\n"
              "cpu/cpu1/seconds/nice              0.0 s\n"
              "cpu/cpu1/seconds/system           14.1 s\n"
              "cpu/cpu1/seconds/idle        10 min 52 s\n"
              "cpu/cpu1/seconds/iowait            3.8 s\n"
              "cpu/cpu1/seconds/irq               0.0 s\n"
              "cpu/cpu1/seconds/softirq           0.2 s\n"
              "cpu/cpu1/seconds/steal             0.5 s\n"
              "memory/physical/total             23.5 GiB\n"
              "memory/physical/used             318.4 MiB\n"
              "memory/physical/free              23.1 GiB\n"
              "memory/physical/available         23.2 GiB\n"
              "memory/physical/cached           352.8 MiB\n"
              "memory/physical/buffers            2.7 MiB\n"
              "memory/physical/usedPercent        1.3 %\n"
              "memory/swap/total                    0 B\n"
              "memory/swap/used                     0 B\n"
              "memory/swap/free                     0 B\n"
              "memory/swap/usedPercent            0.0 %\n"
              "load/1                            0.49\n"
              "load/5                            0.22\n"
              "load/15                           0.07\n"
              "pressure/cpu/some                  0.0 %\n"
              "pressure/cpu/full                  0.0 %\n"
              "pressure/cpu/totalSome        41 min 6 s\n"
              "pressure/cpu/totalFull             0.0 s\n"
              "pressure/memory/some               0.0 %\n"
              "pressure/memory/full               0.0 %\n"
              "pressure/memory/totalSome          0.0 s\n"
              "pressure/memory/totalFull          0.0 s\n"
              "pressure/io/some                   0.0 %\n"
              "pressure/io/full                   0.0 %\n"
              "pressure/io/totalSome             37.2 s\n"
              "pressure/io/totalFull             22.1 s\n"
              "system/processes                     4\n"
              "system/threads                      79\n"
              "system/running                       1\n"
              "system/contextSwitches            0.00 /s\n"
              "system/interrupts                 0.00 /s\n"
              "system/forks                      0.00 /s\n"
              "system/totalContextSwitches     256670\n"
              "system/totalInterrupts          131685\n"
              "system/totalForks                 3238\n");
}

TEST(Get, ReadsTheSensorsAndPatternsNamed) {
    PrivateBus bus(basic_fixture_args());

    const auto result = run_ctl(bus, {"get", "load/1", "memory/*/used"});

    EXPECT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(result.out,
              "memory/physical/used  318.4 MiB\n"
              "memory/swap/used          0 B\n"
              "load/1                 0.49\n");
}

TEST(Get, WithRawPrintsExactNumbersForScripts) {
    PrivateBus bus(basic_fixture_args());

    const auto result = run_ctl(bus, {"get", "--raw", "memory/physical/total", "load/1"});

    EXPECT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(result.out, "memory/physical/total 25276502016\nload/1 0.49\n");
}

TEST(Get, InJsonHasTheTimestampValuesAndUnits) {
    PrivateBus bus(basic_fixture_args());

    const auto result = run_ctl(bus, {"get", "--json", "memory/physical/*", "load/*"});

    ASSERT_EQ(result.exit_code, 0) << result.err;
    const auto json = parse_json(result.out);
    EXPECT_TRUE(json["timestamp_usec"].is(Json::Type::Number));
    EXPECT_GT(json["timestamp_usec"].number, 1.6e15);
    ASSERT_EQ(json["values"].members.size(), 10u);
    for (const auto& [id, value] : json["values"].members) {
        EXPECT_TRUE(value.is(Json::Type::Number)) << id;
        EXPECT_TRUE(json["units"][id].is(Json::Type::String)) << id;
    }
    EXPECT_EQ(json["values"]["memory/physical/total"].number, 25276502016.0);
    EXPECT_EQ(json["values"]["load/15"].number, 0.07);
    EXPECT_EQ(json["units"]["memory/physical/total"].text, "B");
    EXPECT_EQ(json["units"]["load/15"].text, "");
}

TEST(Get, ReportsAnUnknownSensorInOneLineAndFails) {
    PrivateBus bus(basic_fixture_args());

    const auto result = run_ctl(bus, {"get", "load/1", "no/such"});

    EXPECT_EQ(result.exit_code, 1);
    EXPECT_EQ(result.out, "");
    EXPECT_EQ(result.err,
              "vitalsctl: unknown sensor: no sensor 'no/such' "
              "(io.github.vitalsd.Error.UnknownSensor)\n");
}

TEST(Get, ReportsAMalformedPatternInOneLineAndFails) {
    PrivateBus bus(basic_fixture_args());

    const auto result = run_ctl(bus, {"get", "load/"});

    EXPECT_EQ(result.exit_code, 1);
    EXPECT_EQ(result.err,
              "vitalsctl: invalid argument: sensor 'load/': empty segment "
              "(io.github.vitalsd.Error.InvalidArgument)\n");
}

TEST(Get, ReportsTheServicesLimitInOneLineAndFails) {
    PrivateBus bus({"--max-sensors=2"});

    const auto result = run_ctl(bus, {"get", "load/1", "load/5", "load/15"});

    EXPECT_EQ(result.exit_code, 1);
    EXPECT_EQ(result.err,
              "vitalsctl: over the service's limit: 3 sensor names; at most 2 in one request "
              "(io.github.vitalsd.Error.LimitExceeded)\n");
}

TEST(Get, ReportsAServiceTheBusCannotStart) {
    PrivateBus bus({"--no-such-option"});  // the daemon refuses to start

    const auto result = run_ctl(bus, {"get", "load/1"});

    EXPECT_EQ(result.exit_code, 1);
    EXPECT_TRUE(result.err.starts_with("vitalsctl: the bus could not start the service: "))
        << result.err;
    EXPECT_NE(result.err.find("(org.freedesktop.DBus.Error.Spawn."), std::string::npos)
        << result.err;
}

TEST(Get, UsesTheSystemBusWhenAsked) {
    PrivateBus bus(basic_fixture_args());

    // The private bus stands in for the system bus; the session bus is one that is not there.
    const auto [status, output] =
        run_command("DBUS_SYSTEM_BUS_ADDRESS='" + bus.address() +
                    "' DBUS_SESSION_BUS_ADDRESS=unix:path=/nonexistent/bus " + ctl_binary() +
                    " --system get load/1");

    EXPECT_EQ(WEXITSTATUS(status), 0) << output;
    EXPECT_EQ(output, "load/1  0.49\n");
}

TEST(TheCommandLine, IsCheckedBeforeAnythingIsAsked) {
    PrivateBus bus(basic_fixture_args());

    const auto result = run_ctl(bus, {"get", "--since", "5m"});

    EXPECT_EQ(result.exit_code, 2);
    EXPECT_EQ(result.err, "vitalsctl: --since applies to history only\nTry 'vitalsctl --help'.\n");
    EXPECT_FALSE(bus.service_running());
}

TEST(Get, WithOpenMetricsPrintsWhatTheExporterServesOnce) {
    PrivateBus bus(basic_fixture_args());

    const auto result = run_ctl(bus, {"get", "--openmetrics"});

    ASSERT_EQ(result.exit_code, 0) << result.err;
    const auto& out = result.out;
    EXPECT_TRUE(
        out.starts_with("# HELP node_cpu_seconds Seconds the CPUs spent in each mode.\n"
                        "# TYPE node_cpu_seconds counter\n"
                        "# UNIT node_cpu_seconds seconds\n"
                        "node_cpu_seconds_total{cpu=\"0\",mode=\"idle\"} 672.21\n"))
        << out;
    EXPECT_NE(out.find("\nnode_cpu_seconds_total{cpu=\"1\",mode=\"steal\"} "), std::string::npos);
    EXPECT_EQ(out.find("cpu=\"all\""), std::string::npos) << "Prometheus sums by itself";
    // tests/fixtures/basic: MemTotal 24684084 kB, load 0.49, ctxt 256670.
    EXPECT_NE(out.find("\nnode_memory_MemTotal_bytes 25276502016\n"), std::string::npos);
    EXPECT_NE(out.find("\nnode_load1 0.49\n"), std::string::npos);
    EXPECT_NE(
        out.find("\n# TYPE node_context_switches counter\nnode_context_switches_total 256670\n"),
        std::string::npos);
    EXPECT_EQ(out.find("usage"), std::string::npos) << "no rates: Prometheus computes them";
    EXPECT_TRUE(out.ends_with("\n# EOF\n"));
}

TEST(Get, WithOpenMetricsPrintsTheMetricsOfTheSensorsNamed) {
    PrivateBus bus(basic_fixture_args());

    const auto loads = run_ctl(bus, {"get", "--openmetrics", "load/*", "cpu/all/usage"});
    EXPECT_EQ(loads.exit_code, 0) << loads.err;
    EXPECT_EQ(loads.out,
              "# HELP node_load1 1m load average.\n# TYPE node_load1 gauge\nnode_load1 0.49\n"
              "# HELP node_load5 5m load average.\n# TYPE node_load5 gauge\nnode_load5 0.22\n"
              "# HELP node_load15 15m load average.\n# TYPE node_load15 gauge\nnode_load15 0.07\n"
              "# EOF\n");

    const auto unknown = run_ctl(bus, {"get", "--openmetrics", "disk/sda/totalRead"});
    EXPECT_EQ(unknown.exit_code, 1);
    EXPECT_EQ(unknown.out, "");
}

}  // namespace
}  // namespace vitalsd::test
