// SPDX-License-Identifier: MIT
// The bus starts the service on the first call, from the activation file in its service dir.
#include <gtest/gtest.h>

#include <fstream>

#include "fixture_path.hpp"
#include "private_bus.hpp"

namespace vitalsd::test {
namespace {

// Returns the kB figure of a /proc/meminfo key in a fixture tree.
double meminfo_kib(const std::string& proc, const std::string& key) {
    std::ifstream meminfo(proc + "/meminfo");
    std::string name;
    double kib = 0;
    std::string unit;
    while (meminfo >> name >> kib >> unit) {
        if (name == key + ":") {
            return kib;
        }
    }
    throw std::runtime_error("no " + key + " in " + proc);
}

TEST(AServiceNobodyCalledYet, IsNotRunning) {
    PrivateBus bus;
    EXPECT_FALSE(bus.service_running());
}

TEST(AServiceNobodyCalledYet, IsActivatedByTheFirstCall) {
    PrivateBus bus({"--proc-root=" + fixture_path("basic/proc")});
    VitalsClient client(bus);

    EXPECT_EQ(client.Version(), "0.1.0");
    EXPECT_TRUE(bus.service_running());
    EXPECT_GT(bus.service_pid(), 0);
    EXPECT_NE(bus.log().find("serving io.github.vitalsd.Vitals1 on the session bus"),
              std::string::npos)
        << bus.log();
}

TEST(AnActivatedService, ReportsItsSettingsAsProperties) {
    PrivateBus bus({"--idle-timeout=7"});
    VitalsClient client(bus);

    EXPECT_EQ(client.IdleTimeout(), 7u);
    EXPECT_FALSE(client.Sampling());
    EXPECT_EQ(client.Interval(), 0u);
    EXPECT_EQ(client.Clients(), 0u);
}

TEST(AnActivatedService, ReadsTheKernelsOwnNumbers) {
    const auto proc = fixture_path("basic/proc");
    PrivateBus bus({"--proc-root=" + proc});
    VitalsClient client(bus);

    const auto [timestamp, values] =
        client.GetValues({"memory/physical/total", "memory/physical/used", "load/1"});

    const double total = meminfo_kib(proc, "MemTotal") * 1024;
    EXPECT_EQ(values.at("memory/physical/total"), total);
    EXPECT_EQ(values.at("memory/physical/used"), total - meminfo_kib(proc, "MemAvailable") * 1024);
    EXPECT_EQ(values.at("load/1"), 0.49);          // tests/fixtures/basic/proc/loadavg
    EXPECT_GT(timestamp, 1'600'000'000'000'000u);  // realtime microseconds
}

TEST(AnActivatedService, MeasuresRatesOverAShortWindowWhenNothingIsSampled) {
    PrivateBus bus;
    VitalsClient client(bus);

    const auto started = std::chrono::steady_clock::now();
    const auto [timestamp, values] = client.GetValues({"cpu/all/usage", "cpu/cpu0/usage"});
    const auto took = std::chrono::steady_clock::now() - started;

    ASSERT_EQ(values.size(), 2u);
    for (const auto& [id, value] : values) {
        EXPECT_GE(value, 0.0) << id;
        EXPECT_LE(value, 100.0) << id;
    }
    EXPECT_GE(took, 250ms) << "a rate needs the probe window when nothing was sampled";
}

TEST(AnActivatedService, AnswersOthersWhileARateIsBeingMeasured) {
    PrivateBus bus;
    VitalsClient slow(bus);
    VitalsClient quick(bus);
    slow.Version();  // activated

    // The slow call waits for its window inside the service; a second client is not held up.
    bool answered = false;
    slow.proxy()
        .callMethodAsync("GetValues")
        .onInterface(VitalsClient::INTERFACE_NAME)
        .withArguments(std::vector<std::string>{"cpu/all/usage"})
        .uponReplyInvoke(
            [&](const sdbus::Error* error, std::uint64_t, std::map<std::string, double> values) {
                answered = error == nullptr && values.size() == 1;
            });
    const auto started = std::chrono::steady_clock::now();
    quick.ListSensors();
    EXPECT_LT(std::chrono::steady_clock::now() - started, 250ms);
    EXPECT_TRUE(slow.pump_until([&] { return answered; }, 2s));
}

TEST(AnActivatedService, ListsEverySensorWithUnitLabelAndDescription) {
    PrivateBus bus({"--proc-root=" + fixture_path("basic/proc")});
    VitalsClient client(bus);

    const auto sensors = client.ListSensors();
    std::map<std::string, std::string> units;
    for (const auto& sensor : sensors) {
        EXPECT_FALSE(sensor.get<2>().empty()) << sensor.get<0>();
        EXPECT_FALSE(sensor.get<3>().empty()) << sensor.get<0>();
        units[sensor.get<0>()] = sensor.get<1>();
    }
    EXPECT_EQ(units.at("cpu/all/usage"), "%");
    EXPECT_EQ(units.at("cpu/cpu1/usage"), "%");
    EXPECT_EQ(units.at("memory/physical/used"), "B");
    EXPECT_TRUE(units.contains("load/15"));
}

TEST(ASecondInstance, RefusesToStartWhileTheNameIsOwned) {
    PrivateBus bus;
    VitalsClient client(bus);
    client.Version();

    const auto [status, output] =
        run_command("DBUS_SESSION_BUS_ADDRESS='" + bus.address() + "' " + daemon_binary());

    EXPECT_NE(status, 0);
    EXPECT_NE(output.find("already running"), std::string::npos) << output;
}

TEST(TheDaemon, RejectsABadOptionWithAClearMessage) {
    const auto [status, output] = run_command(daemon_binary() + " --idle-timeout=x");

    EXPECT_NE(status, 0);
    EXPECT_NE(output.find("--idle-timeout"), std::string::npos) << output;
}

TEST(TheDaemon, RefusesAProcOrSysRootThatIsNotADirectory) {
    PrivateBus bus;
    for (const std::string option : {"--proc-root", "--sys-root"}) {
        const auto [status, output] =
            run_command("DBUS_SESSION_BUS_ADDRESS='" + bus.address() + "' " + daemon_binary() +
                        " " + option + "=" + bus.directory() + "/missing");

        EXPECT_NE(status, 0) << option;
        EXPECT_NE(output.find(option + ": " + bus.directory() + "/missing is not a directory"),
                  std::string::npos)
            << output;
    }
    EXPECT_FALSE(bus.service_running()) << "it never took the name";
}

}  // namespace
}  // namespace vitalsd::test
