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
              "pressure/memory/some         %     Memory pressure (some)\n"
              "pressure/memory/full         %     Memory pressure (full)\n"
              "pressure/io/some             %     I/O pressure (some)\n"
              "pressure/io/full             %     I/O pressure (full)\n"
              "network/all/download         B/s   Network download\n"
              "network/all/upload           B/s   Network upload\n"
              "network/all/totalDownload    B     Network total download\n"
              "network/all/totalUpload      B     Network total upload\n"
              "disk/all/read                B/s   Disk read\n"
              "disk/all/write               B/s   Disk write\n"
              "system/uptime                s     Uptime\n"
              "system/processes                   Processes\n"
              "system/threads                     Threads\n"
              "system/running                     Running\n"
              "system/contextSwitches       /s    Context switches\n"
              "system/interrupts            /s    Interrupts\n"
              "system/forks                 /s    Forks\n");
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
    ASSERT_EQ(sensors.elements.size(), 46u);
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
