// SPDX-License-Identifier: MIT
// vitalsctl sensors: every sensor, or those a pattern matches, in aligned columns.
#include <gtest/gtest.h>

#include "ctl_process.hpp"
#include "json_reader.hpp"

namespace vitalsd::test {
namespace {

TEST(Sensors, ListsEverySensorOfTheFixtureInTheServicesOrder) {
    PrivateBus bus(basic_fixture_args());

    const auto result = run_ctl(bus, {"sensors"});

    EXPECT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(result.out,
              "ID                           UNIT  LABEL\n"
              "cpu/all/usage                %     all CPUs usage\n"
              "cpu/all/user                 %     all CPUs user\n"
              "cpu/all/system               %     all CPUs system\n"
              "cpu/all/iowait               %     all CPUs I/O wait\n"
              "cpu/cpu0/usage               %     CPU 0 usage\n"
              "cpu/cpu0/user                %     CPU 0 user\n"
              "cpu/cpu0/system              %     CPU 0 system\n"
              "cpu/cpu0/iowait              %     CPU 0 I/O wait\n"
              "cpu/cpu1/usage               %     CPU 1 usage\n"
              "cpu/cpu1/user                %     CPU 1 user\n"
              "cpu/cpu1/system              %     CPU 1 system\n"
              "cpu/cpu1/iowait              %     CPU 1 I/O wait\n"
              "cpu/all/count                      CPUs online\n"
              "cpu/all/seconds/user         s     all CPUs user time\n"
              "cpu/all/seconds/nice         s     all CPUs nice time\n"
              "cpu/all/seconds/system       s     all CPUs system time\n"
              "cpu/all/seconds/idle         s     all CPUs idle time\n"
              "cpu/all/seconds/iowait       s     all CPUs iowait time\n"
              "cpu/all/seconds/irq          s     all CPUs irq time\n"
              "cpu/all/seconds/softirq      s     all CPUs softirq time\n"
              "cpu/all/seconds/steal        s     all CPUs steal time\n"
              "cpu/cpu0/seconds/user        s     CPU 0 user time\n"
              "cpu/cpu0/seconds/nice        s     CPU 0 nice time\n"
              "cpu/cpu0/seconds/system      s     CPU 0 system time\n"
              "cpu/cpu0/seconds/idle        s     CPU 0 idle time\n"
              "cpu/cpu0/seconds/iowait      s     CPU 0 iowait time\n"
              "cpu/cpu0/seconds/irq         s     CPU 0 irq time\n"
              "cpu/cpu0/seconds/softirq     s     CPU 0 softirq time\n"
              "cpu/cpu0/seconds/steal       s     CPU 0 steal time\n"
              "cpu/cpu1/seconds/user        s     CPU 1 user time\n"
              "cpu/cpu1/seconds/nice        s     CPU 1 nice time\n"
              "cpu/cpu1/seconds/system      s     CPU 1 system time\n"
              "cpu/cpu1/seconds/idle        s     CPU 1 idle time\n"
              "cpu/cpu1/seconds/iowait      s     CPU 1 iowait time\n"
              "cpu/cpu1/seconds/irq         s     CPU 1 irq time\n"
              "cpu/cpu1/seconds/softirq     s     CPU 1 softirq time\n"
              "cpu/cpu1/seconds/steal       s     CPU 1 steal time\n"
              "memory/physical/total        B     Memory total\n"
              "memory/physical/used         B     Memory used\n"
              "memory/physical/free         B     Memory free\n"
              "memory/physical/available    B     Memory available\n"
              "memory/physical/cached       B     Memory cached\n"
              "memory/physical/buffers      B     Memory buffers\n"
              "memory/physical/usedPercent  %     Memory used\n"
              "memory/swap/total            B     Swap total\n"
              "memory/swap/used             B     Swap used\n"
              "memory/swap/free             B     Swap free\n"
              "memory/swap/usedPercent      %     Swap used\n"
              "load/1                             Load 1 min\n"
              "load/5                             Load 5 min\n"
              "load/15                            Load 15 min\n"
              "pressure/cpu/some            %     CPU pressure (some)\n"
              "pressure/cpu/full            %     CPU pressure (full)\n"
              "pressure/cpu/totalSome       s     CPU pressure (some), total\n"
              "pressure/cpu/totalFull       s     CPU pressure (full), total\n"
              "pressure/memory/some         %     Memory pressure (some)\n"
              "pressure/memory/full         %     Memory pressure (full)\n"
              "pressure/memory/totalSome    s     Memory pressure (some), total\n"
              "pressure/memory/totalFull    s     Memory pressure (full), total\n"
              "pressure/io/some             %     I/O pressure (some)\n"
              "pressure/io/full             %     I/O pressure (full)\n"
              "pressure/io/totalSome        s     I/O pressure (some), total\n"
              "pressure/io/totalFull        s     I/O pressure (full), total\n"
              "network/all/download         B/s   Network download\n"
              "network/all/upload           B/s   Network upload\n"
              "network/all/totalDownload    B     Network total download\n"
              "network/all/totalUpload      B     Network total upload\n"
              "disk/all/read                B/s   Disk read\n"
              "disk/all/write               B/s   Disk write\n"
              "disk/all/totalRead           B     Disk total read\n"
              "disk/all/totalWritten        B     Disk total written\n"
              "system/uptime                s     Uptime\n"
              "system/processes                   Processes\n"
              "system/threads                     Threads\n"
              "system/running                     Running\n"
              "system/contextSwitches       /s    Context switches\n"
              "system/interrupts            /s    Interrupts\n"
              "system/forks                 /s    Forks\n"
              "system/totalContextSwitches        Context switches, total\n"
              "system/totalInterrupts             Interrupts, total\n"
              "system/totalForks                  Forks, total\n");
}

TEST(Sensors, ListsThoseThePatternsMatch) {
    PrivateBus bus(basic_fixture_args());

    const auto result = run_ctl(bus, {"sensors", "memory/*/used", "load/1"});

    EXPECT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(result.out,
              "ID                    UNIT  LABEL\n"
              "memory/physical/used  B     Memory used\n"
              "memory/swap/used      B     Swap used\n"
              "load/1                      Load 1 min\n");
}

TEST(Sensors, RefusesAnUnknownIdOrAMalformedPatternAsTheServiceWould) {
    PrivateBus bus(basic_fixture_args());

    const auto unknown = run_ctl(bus, {"sensors", "disk/sda/read"});
    EXPECT_EQ(unknown.exit_code, 1);
    EXPECT_EQ(unknown.out, "");
    EXPECT_EQ(unknown.err,
              "vitalsctl: unknown sensor: no sensor 'disk/sda/read' "
              "(io.github.vitalsd.Error.UnknownSensor)\n");

    const auto malformed = run_ctl(bus, {"sensors", "cpu*"});
    EXPECT_EQ(malformed.exit_code, 1);
    EXPECT_EQ(malformed.err,
              "vitalsctl: invalid argument: sensor 'cpu*': '*' must be a whole segment "
              "(io.github.vitalsd.Error.InvalidArgument)\n");

    const auto nothing = run_ctl(bus, {"sensors", "nothing/*/here"});
    EXPECT_EQ(nothing.exit_code, 0) << "a pattern that matches nothing is no error";
    EXPECT_EQ(nothing.out, "ID  UNIT  LABEL\n");
}

TEST(Sensors, InJsonHaveIdUnitLabelAndDescription) {
    PrivateBus bus(basic_fixture_args());

    const auto result = run_ctl(bus, {"sensors", "--json"});

    ASSERT_EQ(result.exit_code, 0) << result.err;
    const auto json = parse_json(result.out);
    const auto& sensors = json["sensors"];
    ASSERT_TRUE(sensors.is(Json::Type::Array));
    ASSERT_EQ(sensors.elements.size(), 81u);
    for (const auto& sensor : sensors.elements) {
        for (const char* key : {"id", "unit", "label", "description"}) {
            EXPECT_TRUE(sensor[key].is(Json::Type::String)) << key;
        }
    }
    EXPECT_EQ(sensors.elements.front()["id"].text, "cpu/all/usage");
    EXPECT_EQ(sensors.elements.front()["unit"].text, "%");
}

}  // namespace
}  // namespace vitalsd::test
