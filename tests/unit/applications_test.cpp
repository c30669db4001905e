// SPDX-License-Identifier: MIT
#include "collectors/application_figures.hpp"

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "collector_reading.hpp"
#include "fake_clock.hpp"
#include "fixture_path.hpp"
#include "sampling/application_listing.hpp"
#include "temp_dir.hpp"

namespace vitalsd {
namespace {

namespace fs = std::filesystem;

using test::CollectorReading;

constexpr double kMiB = 1048576;
const std::string kUser = "/user.slice/user-1000.slice/user@1000.service";
const std::string kFirefox = kUser + "/app.slice/app-gnome-firefox\\x2desr-4242.scope";
const std::vector<std::string> kAllFigures = {
    "cpu",       "memory",      "ioRead",         "ioWrite",
    "processes", "cpuPressure", "memoryPressure", "ioPressure"};
const std::vector<std::string> kFiguresWithoutIo = {"cpu",         "memory",         "processes",
                                                    "cpuPressure", "memoryPressure", "ioPressure"};

// The collectors of every figure set over one tree's groups, read one after the other as a tick
// that has subscribed all of their sensors reads them.
class Figures {
public:
    Figures(const std::string& proc_root, const std::string& sys_root, const Clock& clock)
        : collectors_(make_application_collectors(proc_root, sys_root, clock)) {}

    ApplicationGroups& groups() const {
        return static_cast<ApplicationFigureCollector&>(*collectors_.front()).groups();
    }
    const std::vector<Application>& applications() const { return groups().applications(); }

    std::vector<SensorInfo> sensors() const {
        std::vector<SensorInfo> sensors;
        for (const auto& collector : collectors_) {
            sensors.insert(sensors.end(), collector->sensors().begin(), collector->sensors().end());
        }
        return sensors;
    }

    /// Reads every collector; changed, when given, is whether any found the groups changed.
    CollectorReading read(bool* changed = nullptr) {
        CollectorReading reading;
        bool any = false;
        for (const auto& collector : collectors_) {
            bool collector_changed = false;
            auto one = test::read_changing_collector(*collector, collector_changed);
            any = any || collector_changed;
            reading.sensors.insert(reading.sensors.end(), one.sensors.begin(), one.sensors.end());
            reading.samples.insert(reading.samples.end(), one.samples.begin(), one.samples.end());
        }
        if (changed != nullptr) {
            *changed = any;
        }
        return reading;
    }

    std::vector<std::unique_ptr<Collector>>& collectors() { return collectors_; }

private:
    std::vector<std::unique_ptr<Collector>> collectors_;
};

std::unique_ptr<Figures> on_fixture(const std::string& fixture, const Clock& clock) {
    return std::make_unique<Figures>(test::fixture_path(fixture + "/proc"),
                                     test::fixture_path(fixture + "/sys"), clock);
}

const Application& application(const Figures& figures, const std::string& id) {
    for (const auto& application : figures.applications()) {
        if (application.group.id == id) {
            return application;
        }
    }
    throw std::out_of_range("no group '" + id + "'");
}

std::vector<std::string> ids(const Figures& figures) {
    std::vector<std::string> ids;
    for (const auto& application : figures.applications()) {
        ids.push_back(application.group.id);
    }
    return ids;
}

// The figures the group has sensors for, in the order ListApplications gives them.
std::vector<std::string> figures_of(const Figures& figures, const std::string& id) {
    const auto& prefix = application(figures, id).sensor_prefix;
    std::vector<std::string> found;
    for (const auto& sensor : figures.sensors()) {
        if (sensor.id.starts_with(prefix)) {
            found.push_back(sensor.id.substr(prefix.size()));
        }
    }
    return found;
}

std::string sensor(const Figures& figures, const std::string& id, const std::string& figure) {
    return application(figures, id).sensor_prefix + figure;
}

std::vector<std::string> sorted(std::vector<std::string> strings) {
    std::sort(strings.begin(), strings.end());
    return strings;
}

// What one read gives a group's figure: a counter, a gauge, or a stall counter.
double value(const Figures& figures, const CollectorReading& reading, const std::string& id,
             const std::string& figure) {
    return reading[sensor(figures, id, figure)].a;
}

// --- the groups of each fixture ----------------------------------------------------------------

TEST(TheApplicationFiguresOnAGnomeSession, FindsEveryGroupSortedById) {
    test::FakeClock clock;
    const auto figures = on_fixture("cgroups-gnome", clock);
    EXPECT_EQ(ids(*figures),
              (std::vector<std::string>{
                  "NetworkManager.service", "firefox-esr", "firefox_firefox", "gdm.service",
                  "gnome-terminal-server.service", "org.gnome.Evolution-alarm-notify",
                  "org.gnome.Maps", "org.gnome.Nautilus", "org.gnome.Shell@wayland.service",
                  "org.gnome.Terminal", "pipewire.service", "session-2", "system",
                  "systemd-journald.service", "systemd-udevd.service", "tracker-miner-fs-3.service",
                  "user@1000.service", "vte-spawn-21527424-cb2d-479f-af17-22251e2b37a0.scope"}));
}

TEST(TheApplicationFiguresOnAGnomeSession, TellsEachGroupsKindHintAndCgroups) {
    test::FakeClock clock;
    const auto figures = on_fixture("cgroups-gnome", clock);
    struct Expected {
        std::string id;
        GroupKind kind;
        std::string hint;
        std::string cgroup;
    };
    const std::string apps = kUser + "/app.slice/";
    for (const auto& expected : std::vector<Expected>{
             {"system", GroupKind::System, "", "/"},
             {"firefox-esr", GroupKind::App, "firefox-esr", kFirefox},
             {"org.gnome.Maps", GroupKind::App, "org.gnome.Maps",
              apps + "app-flatpak-org.gnome.Maps-5678.scope"},
             {"firefox_firefox", GroupKind::App, "firefox_firefox",
              apps + "snap.firefox.firefox-3dcfaa86-bf58-4d3e-a7c6-4e34dfdb050f.scope"},
             {"org.gnome.Evolution-alarm-notify", GroupKind::App,
              "org.gnome.Evolution-alarm-notify",
              apps + "app-gnome-org.gnome.Evolution\\x2dalarm\\x2dnotify-2311.scope"},
             {"gnome-terminal-server.service", GroupKind::Service, "gnome-terminal-server.service",
              apps + "app-org.gnome.Terminal.slice/gnome-terminal-server.service"},
             {"user@1000.service", GroupKind::Service, "user@1000.service", kUser},
             {"systemd-udevd.service", GroupKind::Service, "systemd-udevd.service",
              "/system.slice/systemd-udevd.service"},
             {"session-2", GroupKind::Session, "session-2.scope",
              "/user.slice/user-1000.slice/session-2.scope"},
         }) {
        const auto& found = application(*figures, expected.id);
        EXPECT_EQ(found.group.kind, expected.kind) << expected.id;
        EXPECT_EQ(found.group.hint, expected.hint) << expected.id;
        EXPECT_EQ(found.cgroups, std::vector<std::string>{expected.cgroup}) << expected.id;
    }
}

TEST(TheApplicationFiguresOnAGnomeSession, NamesEachGroupsSensorsAfterItsId) {
    test::FakeClock clock;
    const auto figures = on_fixture("cgroups-gnome", clock);
    EXPECT_EQ(application(*figures, "firefox-esr").sensor_prefix, "app/firefox-esr/");
    EXPECT_EQ(application(*figures, "org.gnome.Nautilus").sensor_prefix, "app/org.gnome.Nautilus/");
    EXPECT_EQ(application(*figures, "org.gnome.Nautilus").group.kind, GroupKind::App)
        << "activated by dbus-broker: named after its bus name";
    const auto sensors = figures->sensors();
    const auto cpu = std::find_if(sensors.begin(), sensors.end(), [](const SensorInfo& info) {
        return info.id == "app/firefox-esr/cpu";
    });
    ASSERT_NE(cpu, sensors.end());
    EXPECT_EQ(cpu->kind, SensorKind::Rate);
    EXPECT_EQ(cpu->unit, "%");
    EXPECT_EQ(cpu->label, "firefox-esr CPU");
    EXPECT_EQ(cpu->description, "CPU time of app firefox-esr, in % of one CPU");
}

TEST(TheApplicationFiguresOnAGnomeSession, GivesEachSensorTheKindAndUnitOfItsFigure) {
    test::FakeClock clock;
    const auto figures = on_fixture("cgroups-gnome", clock);
    const std::map<std::string, std::pair<SensorKind, std::string>> expected = {
        {"cpu", {SensorKind::Rate, "%"}},
        {"memory", {SensorKind::Gauge, "B"}},
        {"ioRead", {SensorKind::Rate, "B/s"}},
        {"ioWrite", {SensorKind::Rate, "B/s"}},
        {"processes", {SensorKind::Gauge, ""}},
        {"cpuPressure", {SensorKind::Share, "%"}},
        {"memoryPressure", {SensorKind::Share, "%"}},
        {"ioPressure", {SensorKind::Share, "%"}},
    };
    for (const auto& info : figures->sensors()) {
        const auto figure = info.id.substr(info.id.rfind('/') + 1);
        ASSERT_TRUE(expected.contains(figure)) << info.id;
        EXPECT_EQ(info.kind, expected.at(figure).first) << info.id;
        EXPECT_EQ(info.unit, expected.at(figure).second) << info.id;
    }
    EXPECT_EQ(figures->sensors().front().label, "NetworkManager.service CPU")
        << "a unit is labelled by its hint, the unit's name";
}

TEST(TheApplicationFiguresOnAGnomeSession, GivesAGroupTheFiguresItsCgroupsFilesHold) {
    test::FakeClock clock;
    const auto figures = on_fixture("cgroups-gnome", clock);
    for (const auto* id : {"system", "NetworkManager.service", "systemd-udevd.service",
                           "user@1000.service", "session-2"}) {
        EXPECT_EQ(figures_of(*figures, id), kAllFigures) << id;
    }
    // The user's manager does not delegate the io controller: no io.stat below it.
    for (const auto* id : {"firefox-esr", "org.gnome.Terminal", "gnome-terminal-server.service",
                           "org.gnome.Shell@wayland.service", "tracker-miner-fs-3.service"}) {
        EXPECT_EQ(figures_of(*figures, id), kFiguresWithoutIo) << id;
    }
}

TEST(TheApplicationFiguresOnAGnomeSession, CountsTheProcessesOfEveryCgroupOfAGroup) {
    test::FakeClock clock;
    const auto figures = on_fixture("cgroups-gnome", clock);
    const auto reading = figures->read();
    const std::map<std::string, double> expected = {
        {"system", 13},                // the twelve kernel threads in the root, PID 1 in init.scope
        {"systemd-udevd.service", 1},  // in its cgroup udev
        {"user@1000.service", 2},      // in its init.scope
        {"firefox-esr", 4},
        {"session-2", 3},
        {"vte-spawn-21527424-cb2d-479f-af17-22251e2b37a0.scope", 2}};
    for (const auto& [id, processes] : expected) {
        EXPECT_EQ(value(*figures, reading, id, "processes"), processes) << id;
    }
}

TEST(TheApplicationFiguresOnAGnomeSession, GivesTheMemoryOfAGroupLessThatOfTheGroupsInside) {
    test::FakeClock clock;
    const auto figures = on_fixture("cgroups-gnome", clock);
    const auto reading = figures->read();
    const std::map<std::string, double> expected_mib = {
        {"system", 13},  // init.scope's 12 and system.slice's own 1
        {"user@1000.service", 6},
        {"firefox-esr", 1200},
        {"systemd-udevd.service", 8},
        {"org.gnome.Terminal", 4},
        {"session-2", 25}};
    for (const auto& [id, mib] : expected_mib) {
        EXPECT_EQ(value(*figures, reading, id, "memory"), mib * kMiB) << id;
    }
}

TEST(TheApplicationFiguresOnAGnomeSession, CountsTheCpuTimeOfAGroupLessThatOfTheGroupsInside) {
    test::FakeClock clock;
    const auto figures = on_fixture("cgroups-gnome", clock);
    const auto reading = figures->read();
    // In hundredths of a CPU second: a rate of them is a share of one CPU in %. The root's own
    // counter, which holds the kernel threads' time, is never read.
    const std::map<std::string, double> expected = {
        {"system", 4450},            // 41 s + 2.5 s + 1 s
        {"user@1000.service", 590},  // its init.scope's 0.9 s and 5 s of apps that went
        {"firefox-esr", 9500},
        {"org.gnome.Terminal", 2},
        {"session-2", 200}};
    for (const auto& [id, counter] : expected) {
        EXPECT_DOUBLE_EQ(value(*figures, reading, id, "cpu"), counter) << id;
    }
    double all = 0;
    for (const auto& application : figures->applications()) {
        all += value(*figures, reading, application.group.id, "cpu");
    }
    EXPECT_DOUBLE_EQ(all, 28592) << "the groups share the machine's time without overlap";
}

TEST(TheApplicationFiguresOnAGnomeSession, CountsTheBytesOfAGroupLessThoseOfTheGroupsInside) {
    test::FakeClock clock;
    const auto figures = on_fixture("cgroups-gnome", clock);
    const auto reading = figures->read();
    EXPECT_EQ(value(*figures, reading, "system", "ioRead"), 212 * kMiB);
    EXPECT_EQ(value(*figures, reading, "system", "ioWrite"), 30 * kMiB);
    EXPECT_EQ(value(*figures, reading, "systemd-udevd.service", "ioRead"), 4 * kMiB)
        << "over both disks";
    EXPECT_EQ(value(*figures, reading, "gdm.service", "ioWrite"), 0.0);
    EXPECT_EQ(value(*figures, reading, "session-2", "ioWrite"), 1 * kMiB);
}

TEST(TheApplicationFiguresOnAGnomeSession, LeavesTheBytesOfAppsWithoutIoStatToTheirManager) {
    // The kernel charges the I/O of a cgroup without the io controller to the nearest one above
    // it that has it: the user's manager did the I/O of its apps, which have no I/O figures.
    test::FakeClock clock;
    const auto figures = on_fixture("cgroups-gnome", clock);
    const auto reading = figures->read();
    EXPECT_EQ(value(*figures, reading, "user@1000.service", "ioRead"), 455 * kMiB);
    EXPECT_EQ(value(*figures, reading, "user@1000.service", "ioWrite"), 90 * kMiB);
}

TEST(TheApplicationFiguresOnAGnomeSession, GivesTheStallCountersOfTheGroupsCgroups) {
    test::FakeClock clock;
    const auto figures = on_fixture("cgroups-gnome", clock);
    const auto reading = figures->read();
    const auto now = static_cast<double>(clock.monotonic_usec());
    // Those of the root's children, groups inside included: stalls do not subtract.
    EXPECT_EQ(value(*figures, reading, "system", "cpuPressure"), 2050000 + 860000 + 11386000);
    EXPECT_EQ(reading[sensor(*figures, "system", "cpuPressure")].b, now);
    EXPECT_EQ(value(*figures, reading, "firefox-esr", "cpuPressure"), 4750000);
    EXPECT_EQ(value(*figures, reading, "firefox-esr", "memoryPressure"), 12000);
    EXPECT_EQ(reading[sensor(*figures, "firefox-esr", "ioPressure")].b, now);
}

TEST(TheApplicationFiguresOnAGnomeSession, ReadsSteadily) {
    test::FakeClock clock;
    const auto figures = on_fixture("cgroups-gnome", clock);
    const auto steadily = [&] {
        return std::all_of(figures->collectors().begin(), figures->collectors().end(),
                           [](const auto& one) { return test::reads_steadily(*one); });
    };
    EXPECT_TRUE(steadily());
    clock.advance_ms(5000);
    EXPECT_TRUE(steadily()) << "listed again, nothing came or went";
}

TEST(TheApplicationFiguresOnAPlasmaSession, FindsTheAppsKioAndTheAutostartGeneratorStarted) {
    test::FakeClock clock;
    const auto figures = on_fixture("cgroups-kde", clock);
    for (const auto* id : {"org.kde.konsole", "org.kde.dolphin", "firefox", "org.kde.kdenlive",
                           "org.kde.kalendarac", "org.kde.discover.notifier"}) {
        EXPECT_EQ(application(*figures, id).group.kind, GroupKind::App) << id;
        EXPECT_EQ(figures_of(*figures, id), kFiguresWithoutIo) << id;
    }
    for (const auto* id : {"plasma-kwin_wayland.service", "plasma-plasmashell.service",
                           "plasma-ksmserver.service", "plasma-kglobalaccel.service"}) {
        EXPECT_EQ(application(*figures, id).group.kind, GroupKind::Service) << id;
    }
    EXPECT_EQ(application(*figures, "session-3").group.kind, GroupKind::Session);
    EXPECT_EQ(figures->applications().size(), 18u);
}

TEST(TheApplicationFiguresOnAPlasmaSession, HasNoIoFiguresWithoutTheIoController) {
    test::FakeClock clock;
    const auto figures = on_fixture("cgroups-kde", clock);
    for (const auto& sensor : figures->sensors()) {
        EXPECT_FALSE(sensor.id.ends_with("/ioRead") || sensor.id.ends_with("/ioWrite"))
            << sensor.id;
    }
    EXPECT_EQ(figures_of(*figures, "system"), kFiguresWithoutIo);
}

TEST(TheApplicationFiguresOnAPlasmaSession, CountsTwoUnitsOfOneNameAsOneGroup) {
    // The system bus and the user's session bus are both dbus.service.
    test::FakeClock clock;
    const auto figures = on_fixture("cgroups-kde", clock);
    EXPECT_EQ(sorted(application(*figures, "dbus.service").cgroups),
              (std::vector<std::string>{"/system.slice/dbus.service",
                                        kUser + "/session.slice/dbus.service"}));
    const auto reading = figures->read();
    EXPECT_EQ(value(*figures, reading, "dbus.service", "processes"), 2);
    EXPECT_DOUBLE_EQ(value(*figures, reading, "dbus.service", "cpu"), 250);
    EXPECT_EQ(value(*figures, reading, "dbus.service", "memory"), 11 * kMiB);
    EXPECT_DOUBLE_EQ(value(*figures, reading, "user@1000.service", "cpu"), 370);
    EXPECT_EQ(value(*figures, reading, "user@1000.service", "memory"), 7 * kMiB);
    EXPECT_DOUBLE_EQ(value(*figures, reading, "system", "cpu"), 3100);
    EXPECT_EQ(value(*figures, reading, "system", "processes"), 8);
}

TEST(TheApplicationFiguresOnADockerHost, CountsAContainerWithAllThatRunsInside) {
    test::FakeClock clock;
    const auto figures = on_fixture("cgroups-docker", clock);
    EXPECT_EQ(ids(*figures), (std::vector<std::string>{
                                 "containerd.service", "docker-4f5d3c2b1a09", "docker-a1b2c3d4e5f6",
                                 "docker.service", "session-1", "ssh.service", "system",
                                 "systemd-journald.service", "user@1000.service"}))
        << "no group for the units of the systemd inside a container";
    const auto& container = application(*figures, "docker-a1b2c3d4e5f6");
    EXPECT_EQ(container.group.kind, GroupKind::Container);
    EXPECT_EQ(container.group.hint, "a1b2c3d4e5f6");
    EXPECT_EQ(container.cgroups,
              std::vector<std::string>{"/system.slice/docker-a1b2c3d4e5f60718293a4b5c6d7e8f90a1b"
                                       "2c3d4e5f60718293a4b5c6d7e8f90.scope"});
    EXPECT_EQ(figures_of(*figures, "docker-a1b2c3d4e5f6"), kAllFigures);

    const auto reading = figures->read();
    EXPECT_EQ(value(*figures, reading, "docker-a1b2c3d4e5f6", "processes"), 4);
    EXPECT_DOUBLE_EQ(value(*figures, reading, "docker-a1b2c3d4e5f6", "cpu"), 240);
    EXPECT_EQ(value(*figures, reading, "docker-a1b2c3d4e5f6", "memory"), 29 * kMiB);
    EXPECT_EQ(value(*figures, reading, "docker-a1b2c3d4e5f6", "ioRead"), 3 * kMiB);
    EXPECT_EQ(value(*figures, reading, "docker-a1b2c3d4e5f6", "ioWrite"), 5 * kMiB);
    EXPECT_EQ(value(*figures, reading, "docker-4f5d3c2b1a09", "processes"), 3);
    EXPECT_EQ(value(*figures, reading, "ssh.service", "processes"), 1) << "the host's only";
    EXPECT_EQ(value(*figures, reading, "system", "processes"), 8);
    EXPECT_DOUBLE_EQ(value(*figures, reading, "system", "cpu"), 1250);
    EXPECT_EQ(value(*figures, reading, "system", "ioRead"), 65 * kMiB);
    EXPECT_EQ(value(*figures, reading, "system", "ioWrite"), 9 * kMiB);
}

TEST(TheApplicationFiguresOnRootlessPodman, CountsAContainerWithItsMonitor) {
    test::FakeClock clock;
    const auto figures = on_fixture("cgroups-podman", clock);
    const std::string containers = kUser + "/user.slice/";
    const std::string id = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    const auto& postgres = application(*figures, "podman-e3b0c44298fc");
    EXPECT_EQ(postgres.group.kind, GroupKind::Container);
    EXPECT_EQ(postgres.group.hint, "e3b0c44298fc");
    EXPECT_EQ(sorted(postgres.cgroups),
              (std::vector<std::string>{containers + "libpod-conmon-" + id + ".scope",
                                        containers + "libpod-" + id + ".scope"}));
    EXPECT_EQ(figures_of(*figures, "podman-e3b0c44298fc"), kFiguresWithoutIo);

    const auto reading = figures->read();
    EXPECT_EQ(value(*figures, reading, "podman-e3b0c44298fc", "processes"), 4);
    EXPECT_DOUBLE_EQ(value(*figures, reading, "podman-e3b0c44298fc", "cpu"), 910);
    EXPECT_EQ(value(*figures, reading, "podman-e3b0c44298fc", "memory"), 181 * kMiB);
    EXPECT_EQ(value(*figures, reading, "podman-6f1ed002ab55", "processes"), 2);
    EXPECT_DOUBLE_EQ(value(*figures, reading, "user@1000.service", "cpu"), 60);
    EXPECT_EQ(value(*figures, reading, "user@1000.service", "memory"), 6 * kMiB);
    EXPECT_EQ(value(*figures, reading, "user@1000.service", "ioRead"), 46 * kMiB)
        << "its containers' too: they have no io.stat";
    EXPECT_EQ(value(*figures, reading, "user@1000.service", "ioWrite"), 62 * kMiB);
    EXPECT_EQ(figures->applications().size(), 7u);
}

TEST(TheApplicationFiguresOnAHybridHierarchy, GivesCpuProcessesAndPressuresOnly) {
    test::FakeClock clock;
    const auto figures = on_fixture("cgroups-hybrid", clock);
    EXPECT_EQ(ids(*figures),
              (std::vector<std::string>{"cron.service", "session-2", "ssh.service", "system",
                                        "systemd-journald.service", "systemd-logind.service",
                                        "user@1000.service"}));
    const std::vector<std::string> core = {"cpu", "processes", "cpuPressure", "memoryPressure",
                                           "ioPressure"};
    for (const auto& application : figures->applications()) {
        EXPECT_EQ(figures_of(*figures, application.group.id), core) << application.group.id;
    }
    const auto reading = figures->read();
    EXPECT_DOUBLE_EQ(value(*figures, reading, "system", "cpu"), 850);
    EXPECT_EQ(value(*figures, reading, "system", "processes"), 6);
    EXPECT_DOUBLE_EQ(value(*figures, reading, "user@1000.service", "cpu"), 30);
    EXPECT_EQ(value(*figures, reading, "session-2", "processes"), 3);
}

TEST(TheApplicationFiguresOnCgroupV1, GivesProcessesOnly) {
    test::FakeClock clock;
    const auto figures = on_fixture("cgroups-v1", clock);
    EXPECT_EQ(ids(*figures),
              (std::vector<std::string>{"crond.service", "docker-9d2a6f1c3b5e", "docker.service",
                                        "session-5", "sshd.service", "system",
                                        "systemd-journald.service", "tuned.service"}));
    for (const auto& application : figures->applications()) {
        EXPECT_EQ(figures_of(*figures, application.group.id), std::vector<std::string>{"processes"})
            << application.group.id;
    }
    const auto reading = figures->read();
    EXPECT_EQ(value(*figures, reading, "system", "processes"), 7) << "PID 1 is in the root";
    EXPECT_EQ(value(*figures, reading, "docker-9d2a6f1c3b5e", "processes"), 2);
    EXPECT_EQ(value(*figures, reading, "session-5", "processes"), 3);
}

TEST(TheApplicationFiguresWithoutAHierarchy, HasNoGroupsAndNoSensors) {
    test::FakeClock clock;
    // arm-charge mounts no cgroup at all; vm mounts cgroup v1, but its tree was not captured.
    for (const char* fixture : {"arm-charge", "vm"}) {
        const auto figures = on_fixture(fixture, clock);
        EXPECT_TRUE(figures->applications().empty()) << fixture;
        EXPECT_TRUE(figures->sensors().empty()) << fixture;
        EXPECT_TRUE(figures->read().samples.empty()) << fixture;
        std::vector<std::string> patterns;
        for (const auto& one : figures->collectors()) {
            const auto its = one->later_sensor_patterns();
            patterns.insert(patterns.end(), its.begin(), its.end());
        }
        EXPECT_EQ(patterns.size(), 8u) << fixture << ": app/*/<figure>, waiting for groups";
    }
}

// --- rates over two reads, on a copy of a fixture the test changes ----------------------------

// Adds delta to the number after "<key> " or "<key>=" in a line of text that begins with
// line_start.
std::string add_to_field(const std::string& text, const std::string& line_start,
                         const std::string& key, double delta) {
    std::istringstream lines(text);
    std::string out;
    for (std::string line; std::getline(lines, line);) {
        if (line.starts_with(line_start)) {
            const auto at = line.find(key) + key.size() + 1;
            const auto end = line.find(' ', at);
            const auto number = std::stoull(line.substr(at, end - at));
            line = line.substr(0, at) +
                   std::to_string(number + static_cast<unsigned long long>(delta)) +
                   (end == std::string::npos ? "" : line.substr(end));
        }
        out += line + "\n";
    }
    return out;
}

// A process whose /proc files stand in for those of a cgroup about to go: its cmdline reads as the
// text it was given (and a NUL and "3600" after it), its comm as one process ("sleep\n"), and
// both fail (ESRCH) once it has been reaped, as a removed cgroup's files fail (ENODEV).
class StandIn {
public:
    explicit StandIn(const std::string& text) {
        pid_ = ::fork();
        if (pid_ == 0) {
            ::prctl(PR_SET_PDEATHSIG, SIGKILL);
            const char* argv[] = {text.c_str(), "3600", nullptr};
            ::execv("/bin/sleep", const_cast<char* const*>(argv));
            ::_exit(127);
        }
        for (int tries = 0; tries < 5000; ++tries) {  // until it has run sleep
            if (test::read_text(file("cmdline")).starts_with(text)) {
                return;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
        }
        throw std::runtime_error("/bin/sleep did not start");
    }
    ~StandIn() { end(); }
    StandIn(const StandIn&) = delete;
    StandIn& operator=(const StandIn&) = delete;

    std::string file(const std::string& name) const {
        return "/proc/" + std::to_string(pid_) + "/" + name;
    }

    void end() {
        if (pid_ > 0) {
            ::kill(pid_, SIGKILL);
            ::waitpid(pid_, nullptr, 0);
            pid_ = -1;
        }
    }

private:
    pid_t pid_ = -1;
};

// A GNOME session copied to a temporary tree, whose counters the test moves on as the kernel
// would: in a cgroup and all its ancestors.
class AGnomeSession : public ::testing::Test {
protected:
    void SetUp() override {
        fs::copy(test::fixture_path("cgroups-gnome"), dir.path(), fs::copy_options::recursive);
    }

    void start() {
        figures = std::make_unique<Figures>(dir.path() + "/proc", dir.path() + "/sys", clock);
    }

    CollectorReading read() { return figures->read(); }

    // Makes the collectors and reads, lets two seconds pass in which changes() happens, and reads
    // again.
    template <typename Fn>
    std::pair<CollectorReading, CollectorReading> two_seconds_in_which(Fn&& changes) {
        start();
        auto before = read();
        clock.advance_ms(2000);
        changes();
        return {std::move(before), read()};
    }

    double rate(const CollectorReading& before, const CollectorReading& after,
                const std::string& id, const std::string& figure, double dt) const {
        const auto name = sensor(*figures, id, figure);
        return derive_value(SensorKind::Rate, before[name], after[name], dt);
    }

    // Calls fn with the path of the file name in the cgroup and in each ancestor that has one.
    template <typename Fn>
    void up_from(std::string cgroup, const std::string& name, Fn&& fn) const {
        for (;;) {
            const auto file = "sys/fs/cgroup" + cgroup + "/" + name;
            if (fs::exists(dir.path() + "/" + file)) {
                fn(file);
            }
            if (cgroup.empty()) {
                return;
            }
            cgroup.resize(cgroup.rfind('/'));
        }
    }

    void change(const std::string& file, const std::string& line_start, const std::string& key,
                double delta) const {
        dir.write(file,
                  add_to_field(test::read_text(dir.path() + "/" + file), line_start, key, delta));
    }

    void spend_cpu(const std::string& cgroup, double usec) const {
        up_from(cgroup, "cpu.stat",
                [&](const std::string& file) { change(file, "usage_usec", "usage_usec", usec); });
    }

    void stall_on_cpu(const std::string& cgroup, double usec) const {
        up_from(cgroup, "cpu.pressure",
                [&](const std::string& file) { change(file, "some", "total", usec); });
    }

    // Reads and writes bytes on the NVMe disk, 259:0, which every cgroup with io.stat has used.
    void do_io(const std::string& cgroup, double read, double written) const {
        up_from(cgroup, "io.stat", [&](const std::string& file) {
            change(file, "259:0", "rbytes", read);
            change(file, "259:0", "wbytes", written);
        });
    }

    // Makes a second Firefox window of its own scope, which has spent cpu_usec; returns its path.
    std::string open_second_firefox_window(double cpu_usec) const {
        const std::string second = kUser + "/app.slice/app-gnome-firefox\\x2desr-5555.scope";
        fs::copy(dir.path() + "/sys/fs/cgroup" + kFirefox, dir.path() + "/sys/fs/cgroup" + second,
                 fs::copy_options::recursive);
        dir.write("sys/fs/cgroup" + second + "/cpu.stat", "usage_usec 0\n");
        spend_cpu(second, cpu_usec);
        return second;
    }

    // Makes files of the cgroup read as the stand-in's /proc files: by name, the stand-in's.
    void stand_in(const std::string& cgroup, const StandIn& files,
                  const std::map<std::string, std::string>& links) const {
        for (const auto& [name, stand_in] : links) {
            const auto file = dir.path() + "/sys/fs/cgroup" + cgroup + "/" + name;
            fs::remove(file);
            fs::create_symlink(files.file(stand_in), file);
        }
    }

    test::TempDir dir;
    test::FakeClock clock;
    std::unique_ptr<Figures> figures;
};

TEST_F(AGnomeSession, GivesTheCpuShareOfAnAppAndNoneToTheGroupsAroundIt) {
    const auto [before, after] = two_seconds_in_which([&] { spend_cpu(kFirefox, 1.5e6); });

    EXPECT_DOUBLE_EQ(rate(before, after, "firefox-esr", "cpu", 2.0), 75.0);
    EXPECT_DOUBLE_EQ(rate(before, after, "user@1000.service", "cpu", 2.0), 0.0);
    EXPECT_DOUBLE_EQ(rate(before, after, "system", "cpu", 2.0), 0.0);
}

TEST_F(AGnomeSession, GivesAManagerTheCpuTimeOfItsOwnCgroupsBesideItsApps) {
    const auto [before, after] = two_seconds_in_which([&] {
        spend_cpu(kUser + "/init.scope", 0.4e6);
        spend_cpu(kUser + "/app.slice/app-flatpak-org.gnome.Maps-5678.scope", 1e6);
    });

    EXPECT_DOUBLE_EQ(rate(before, after, "user@1000.service", "cpu", 2.0), 20.0);
    EXPECT_DOUBLE_EQ(rate(before, after, "org.gnome.Maps", "cpu", 2.0), 50.0);
    EXPECT_DOUBLE_EQ(rate(before, after, "firefox-esr", "cpu", 2.0), 0.0);
}

TEST_F(AGnomeSession, GivesTheBytesPerSecondOfAGroupLessThoseOfTheGroupsInside) {
    const auto [before, after] = two_seconds_in_which([&] {
        do_io("/user.slice/user-1000.slice/session-2.scope", 4 * kMiB, 2 * kMiB);
        do_io("/system.slice/systemd-journald.service", 0, 8 * kMiB);
    });

    EXPECT_DOUBLE_EQ(rate(before, after, "session-2", "ioRead", 2.0), 2 * kMiB);
    EXPECT_DOUBLE_EQ(rate(before, after, "session-2", "ioWrite", 2.0), 1 * kMiB);
    EXPECT_DOUBLE_EQ(rate(before, after, "systemd-journald.service", "ioWrite", 2.0), 4 * kMiB);
    EXPECT_DOUBLE_EQ(rate(before, after, "system", "ioRead", 2.0), 0.0);
    EXPECT_DOUBLE_EQ(rate(before, after, "system", "ioWrite", 2.0), 0.0);
}

TEST_F(AGnomeSession, GivesTheBytesPerSecondOfAppsWithoutIoStatToTheirManager) {
    const auto [before, after] = two_seconds_in_which([&] {
        do_io(kUser + "/background.slice/tracker-miner-fs-3.service", 10 * kMiB, 4 * kMiB);
    });
    EXPECT_DOUBLE_EQ(rate(before, after, "user@1000.service", "ioRead", 2.0), 5 * kMiB);
    EXPECT_DOUBLE_EQ(rate(before, after, "user@1000.service", "ioWrite", 2.0), 2 * kMiB);
    EXPECT_DOUBLE_EQ(rate(before, after, "system", "ioRead", 2.0), 0.0);
}

TEST_F(AGnomeSession, GivesAGroupOfUnitsWithAndWithoutIoStatTheBytesOfThoseWithIt) {
    // pipewire.service of the user (no io.stat) and of the system (with it): one group.
    const std::string system_pipewire = "/system.slice/pipewire.service";
    fs::copy(dir.path() + "/sys/fs/cgroup/system.slice/gdm.service",
             dir.path() + "/sys/fs/cgroup" + system_pipewire, fs::copy_options::recursive);
    const auto [before, after] = two_seconds_in_which([&] { do_io(system_pipewire, 2 * kMiB, 0); });
    EXPECT_EQ(application(*figures, "pipewire.service").cgroups.size(), 2u);
    EXPECT_EQ(figures_of(*figures, "pipewire.service"), kAllFigures);
    EXPECT_EQ(value(*figures, before, "pipewire.service", "ioRead"), 4 * kMiB);
    EXPECT_DOUBLE_EQ(rate(before, after, "pipewire.service", "ioRead", 2.0), 1 * kMiB);
}

TEST_F(AGnomeSession, GivesTheShareOfTimeAGroupsTasksStalled) {
    const auto [before, after] = two_seconds_in_which([&] { stall_on_cpu(kFirefox, 500000); });
    const auto name = sensor(*figures, "firefox-esr", "cpuPressure");
    EXPECT_DOUBLE_EQ(derive_value(SensorKind::Share, before[name], after[name], 2.0), 25.0);
}

TEST_F(AGnomeSession, ListsAGroupThatCameAtTheNextListing) {
    start();
    read();
    const std::string scope = kUser + "/app.slice/app-gnome-org.gnome.Calculator-9000.scope";
    fs::copy(dir.path() + "/sys/fs/cgroup" + kFirefox, dir.path() + "/sys/fs/cgroup" + scope,
             fs::copy_options::recursive);
    clock.advance_ms(500);
    bool changed = true;
    figures->read(&changed);
    EXPECT_FALSE(changed) << "listed at most once a second";
    clock.advance_ms(500);
    const auto reading = figures->read(&changed);
    EXPECT_TRUE(changed);
    EXPECT_EQ(application(*figures, "org.gnome.Calculator").cgroups,
              std::vector<std::string>{scope});
    EXPECT_EQ(value(*figures, reading, "org.gnome.Calculator", "processes"), 4);
}

TEST_F(AGnomeSession, KeepsTheSumsOfAParentSteadyWhenAGroupInsideItGoes) {
    // NetworkManager stops: its cgroup goes, and system.slice's counters keep what it spent.
    start();
    const auto before = read();
    fs::remove_all(dir.path() + "/sys/fs/cgroup/system.slice/NetworkManager.service");
    clock.advance_ms(1000);
    bool changed = false;
    const auto after = figures->read(&changed);
    ASSERT_TRUE(changed);
    EXPECT_THROW(application(*figures, "NetworkManager.service"), std::out_of_range);

    EXPECT_DOUBLE_EQ(rate(before, after, "system", "cpu", 1.0), 0.0);
    EXPECT_DOUBLE_EQ(rate(before, after, "system", "ioRead", 1.0), 0.0);
    EXPECT_DOUBLE_EQ(rate(before, after, "system", "ioWrite", 1.0), 0.0);
    EXPECT_DOUBLE_EQ(value(*figures, after, "system", "cpu"),
                     value(*figures, before, "system", "cpu"));

    clock.advance_ms(1000);
    spend_cpu("/init.scope", 0.1e6);
    const auto later = read();
    EXPECT_DOUBLE_EQ(rate(after, later, "system", "cpu", 1.0), 10.0) << "and keep counting";
}

TEST_F(AGnomeSession, KeepsTheSumsOfAGroupSteadyWhenOneOfItsCgroupsGoes) {
    // A second Firefox window of its own scope, which the test closes.
    const auto second = open_second_firefox_window(5e6);
    start();
    ASSERT_EQ(application(*figures, "firefox-esr").cgroups.size(), 2u);
    const auto before = read();
    EXPECT_DOUBLE_EQ(value(*figures, before, "firefox-esr", "cpu"), 10000);
    EXPECT_DOUBLE_EQ(value(*figures, before, "user@1000.service", "cpu"), 590);

    fs::remove_all(dir.path() + "/sys/fs/cgroup" + second);
    clock.advance_ms(1000);
    const auto after = read();
    EXPECT_EQ(application(*figures, "firefox-esr").cgroups, std::vector<std::string>{kFirefox});
    EXPECT_DOUBLE_EQ(rate(before, after, "firefox-esr", "cpu", 1.0), 0.0);
    EXPECT_DOUBLE_EQ(rate(before, after, "user@1000.service", "cpu", 1.0), 0.0);

    clock.advance_ms(1000);
    spend_cpu(kFirefox, 1e6);
    const auto later = read();
    EXPECT_DOUBLE_EQ(rate(after, later, "firefox-esr", "cpu", 1.0), 100.0)
        << "no jump once the offset is taken";
    EXPECT_DOUBLE_EQ(rate(after, later, "user@1000.service", "cpu", 1.0), 0.0);
}

TEST_F(AGnomeSession, FollowsAServiceRestartedBetweenTwoListings) {
    // Its cgroup goes and comes again under the same name, with counters from zero; system.slice
    // keeps what the first one spent.
    const std::string network_manager = "sys/fs/cgroup/system.slice/NetworkManager.service";
    start();
    const auto before = read();
    fs::remove_all(dir.path() + "/" + network_manager);
    fs::copy(dir.path() + "/sys/fs/cgroup/system.slice/gdm.service",
             dir.path() + "/" + network_manager, fs::copy_options::recursive);
    dir.write(network_manager + "/cgroup.procs", "4410\n");
    dir.write(network_manager + "/cpu.stat", "usage_usec 0\n");
    dir.write(network_manager + "/io.stat", "");
    spend_cpu("/system.slice/NetworkManager.service", 0.2e6);
    clock.advance_ms(1000);
    const auto after = read();

    EXPECT_EQ(value(*figures, after, "NetworkManager.service", "processes"), 1);
    EXPECT_DOUBLE_EQ(rate(before, after, "NetworkManager.service", "cpu", 1.0), 20.0);
    EXPECT_DOUBLE_EQ(rate(before, after, "NetworkManager.service", "ioRead", 1.0), 0.0);
    EXPECT_DOUBLE_EQ(rate(before, after, "system", "cpu", 1.0), 0.0);
    EXPECT_DOUBLE_EQ(rate(before, after, "system", "ioRead", 1.0), 0.0);
}

TEST_F(AGnomeSession, KeepsTheSumsOfAParentSteadyWhileAGroupInsideIsGoneUntilTheNextListing) {
    // NetworkManager stops half a second after a listing. Until the next one, its node's files
    // fail to read; system.slice's counters keep what it spent.
    const std::string network_manager = "/system.slice/NetworkManager.service";
    StandIn files("usage_usec 3500000\n259:0 rbytes=6291456 wbytes=1048576\n");
    stand_in(network_manager, files,
             {{"cgroup.procs", "comm"}, {"cpu.stat", "cmdline"}, {"io.stat", "cmdline"}});
    start();
    const auto before = read();
    ASSERT_EQ(value(*figures, before, "NetworkManager.service", "processes"), 1);
    ASSERT_DOUBLE_EQ(value(*figures, before, "NetworkManager.service", "cpu"), 350);
    ASSERT_EQ(value(*figures, before, "NetworkManager.service", "ioRead"), 6 * kMiB);

    clock.advance_ms(500);
    files.end();
    fs::remove_all(dir.path() + "/sys/fs/cgroup" + network_manager);
    const auto gone = read();
    EXPECT_EQ(value(*figures, gone, "NetworkManager.service", "processes"), 0);
    for (const auto* figure : {"cpu", "ioRead", "ioWrite"}) {
        EXPECT_EQ(rate(before, gone, "system", figure, 0.5), 0.0) << figure;
        EXPECT_EQ(rate(before, gone, "NetworkManager.service", figure, 0.5), 0.0) << figure;
    }

    clock.advance_ms(500);
    const auto listed = read();
    EXPECT_THROW(application(*figures, "NetworkManager.service"), std::out_of_range);
    for (const auto* figure : {"cpu", "ioRead", "ioWrite"}) {
        EXPECT_EQ(rate(gone, listed, "system", figure, 0.5), 0.0) << figure;
    }
}

TEST_F(AGnomeSession, KeepsTheFiguresOfAGroupWhileOneOfItsCgroupsIsGoneUntilTheNextListing) {
    // A second Firefox window of its own scope closes half a second after a listing; the first
    // one runs on.
    const auto second = open_second_firefox_window(5e6);
    StandIn files("usage_usec 5000000\n");
    stand_in(second, files, {{"cgroup.procs", "comm"}, {"cpu.stat", "cmdline"}});
    start();
    const auto before = read();
    ASSERT_DOUBLE_EQ(value(*figures, before, "firefox-esr", "cpu"), 10000);
    ASSERT_EQ(value(*figures, before, "firefox-esr", "processes"), 5);

    clock.advance_ms(500);
    files.end();
    fs::remove_all(dir.path() + "/sys/fs/cgroup" + second);
    const auto gone = read();
    EXPECT_EQ(value(*figures, gone, "firefox-esr", "processes"), 4);
    EXPECT_EQ(rate(before, gone, "firefox-esr", "cpu", 0.5), 0.0);
    EXPECT_EQ(rate(before, gone, "user@1000.service", "cpu", 0.5), 0.0);

    clock.advance_ms(500);
    spend_cpu(kFirefox, 0.5e6);
    const auto listed = read();
    EXPECT_EQ(figures->groups().applications().size(), 18u);
    EXPECT_DOUBLE_EQ(rate(gone, listed, "firefox-esr", "cpu", 0.5), 100.0);
    EXPECT_DOUBLE_EQ(rate(gone, listed, "user@1000.service", "cpu", 0.5), 0.0);
}

// --- ListApplications -------------------------------------------------------------------------

TEST(AnApplicationListing, ListsEveryGroupWithItsFiguresOverAProbeWindow) {
    test::FakeClock clock;
    auto figures = on_fixture("cgroups-gnome", clock);
    auto* groups = &figures->groups();
    SensorCatalog catalog(std::move(figures->collectors()));
    Monitor monitor(catalog, clock, Limits{}, 5);
    ApplicationListing listing(monitor, groups);

    auto begun = listing.begin();
    ASSERT_TRUE(std::holds_alternative<Monitor::Probe>(begun)) << "no reading to rate from yet";
    clock.advance_ms(Monitor::kProbeWindowUsec / 1000);
    const auto rows = listing.finish(std::get<Monitor::Probe>(begun));

    ASSERT_EQ(rows.size(), 18u);
    const auto firefox = std::find_if(rows.begin(), rows.end(), [](const ApplicationRow& row) {
        return row.id == "firefox-esr";
    });
    ASSERT_NE(firefox, rows.end());
    EXPECT_EQ(firefox->kind, "app");
    EXPECT_EQ(firefox->hint, "firefox-esr");
    EXPECT_EQ(firefox->cgroups, std::vector<std::string>{kFirefox});
    EXPECT_EQ(firefox->figures.at("memory"), 1200 * kMiB);
    EXPECT_EQ(firefox->figures.at("processes"), 4);
    EXPECT_EQ(firefox->figures.at("cpu"), 0.0);
    EXPECT_FALSE(firefox->figures.contains("ioRead"));
    EXPECT_EQ(firefox->pids, (std::vector<std::uint32_t>{4242, 4290, 4311, 4377}));
    EXPECT_EQ(rows.back().id, "vte-spawn-21527424-cb2d-479f-af17-22251e2b37a0.scope");
}

TEST(AnApplicationListing, IsEmptyWithoutTheCollector) {
    test::FakeClock clock;
    SensorCatalog catalog(std::vector<std::unique_ptr<Collector>>{});
    Monitor monitor(catalog, clock, Limits{}, 5);
    ApplicationListing listing(monitor, nullptr);
    auto begun = listing.begin();
    ASSERT_TRUE(std::holds_alternative<std::vector<ApplicationRow>>(begun));
    EXPECT_TRUE(std::get<std::vector<ApplicationRow>>(begun).empty());
}

}  // namespace
}  // namespace vitalsd
