// SPDX-License-Identifier: MIT
#include "collectors/cgroup_names.hpp"

#include <gtest/gtest.h>

#include <ostream>
#include <string>

namespace vitalsd {

// For gtest's messages: a group as it reads, not as bytes.
void PrintTo(const CgroupGroup& group, std::ostream* out) {
    *out << "{" << kind_name(group.kind) << " '" << group.id << "', hint '" << group.hint << "'"
         << (group.holds_groups ? ", holds groups" : "") << "}";
}

namespace {

// Parents that hold groups, as the cgroup tree asks about them.
constexpr std::string_view kAppSlice = "app.slice";
constexpr std::string_view kSystemSlice = "system.slice";

CgroupGroup app(const std::string& id) {
    return {GroupKind::App, id, id, false};
}

CgroupGroup service(const std::string& unit) {
    return {GroupKind::Service, unit, unit, true};
}

CgroupGroup container(const std::string& id, const std::string& hint) {
    return {GroupKind::Container, id, hint, false};
}

TEST(AKindName, IsHowListApplicationsSpellsIt) {
    EXPECT_EQ(kind_name(GroupKind::App), "app");
    EXPECT_EQ(kind_name(GroupKind::Service), "service");
    EXPECT_EQ(kind_name(GroupKind::Container), "container");
    EXPECT_EQ(kind_name(GroupKind::Session), "session");
    EXPECT_EQ(kind_name(GroupKind::System), "system");
}

TEST(UnescapeUnitName, UndoesTheHexEscapesOfSystemd) {
    EXPECT_EQ(unescape_unit_name("firefox\\x2desr"), "firefox-esr");
    EXPECT_EQ(unescape_unit_name("org.gnome.Evolution\\x2dalarm\\x2dnotify"),
              "org.gnome.Evolution-alarm-notify");
    EXPECT_EQ(unescape_unit_name("My\\x20App"), "My App");
    EXPECT_EQ(unescape_unit_name("\\x2D"), "-") << "upper-case digits too";
    EXPECT_EQ(unescape_unit_name("caf\\xc3\\xa9"), "caf\xc3\xa9") << "UTF-8, a byte at a time";
    EXPECT_EQ(unescape_unit_name(""), "");
    EXPECT_EQ(unescape_unit_name("plain.service"), "plain.service");
}

TEST(UnescapeUnitName, KeepsABackslashThatStartsNoEscape) {
    EXPECT_EQ(unescape_unit_name("a\\b"), "a\\b");
    EXPECT_EQ(unescape_unit_name("\\x"), "\\x");
    EXPECT_EQ(unescape_unit_name("\\x2"), "\\x2") << "cut short at the end";
    EXPECT_EQ(unescape_unit_name("\\xg0"), "\\xg0");
    EXPECT_EQ(unescape_unit_name("\\X2d"), "\\X2d") << "only a lower-case x";
    EXPECT_EQ(unescape_unit_name("\\\\x41"), "\\A") << "the second backslash starts the escape";
    EXPECT_EQ(unescape_unit_name("\\x5cx41"), "\\x41")
        << "an escaped backslash is not undone twice";
}

TEST(UnescapeUnitName, GivesANulByteForAnEscapedOne) {
    EXPECT_EQ(unescape_unit_name("a\\x00b"), std::string("a\0b", 3));
}

TEST(ClassifyCgroup, FindsTheAppsGnomeShellAndGnomeSessionLaunch) {
    EXPECT_EQ(classify_cgroup("app-gnome-firefox\\x2desr-4242.scope", kAppSlice),
              app("firefox-esr"));
    EXPECT_EQ(classify_cgroup("app-gnome-org.gnome.Terminal-3311.scope", kAppSlice),
              app("org.gnome.Terminal"));
    EXPECT_EQ(
        classify_cgroup("app-gnome-org.gnome.Evolution\\x2dalarm\\x2dnotify-2311.scope", kAppSlice),
        app("org.gnome.Evolution-alarm-notify"));
}

TEST(ClassifyCgroup, FindsTheAppsFlatpakRuns) {
    EXPECT_EQ(classify_cgroup("app-flatpak-org.gnome.Maps-5678.scope", kAppSlice),
              app("org.gnome.Maps"));
    EXPECT_EQ(classify_cgroup("app-flatpak-org.kde.kdenlive-4123.scope", kAppSlice),
              app("org.kde.kdenlive"));
    EXPECT_EQ(classify_cgroup("app-flatpak-com.example.my-app-77.scope", kAppSlice),
              app("com.example.my-app"))
        << "flatpak does not escape the dash an id may have in its last part";
}

TEST(ClassifyCgroup, FindsTheAppsOfKdeWhichNameNoLauncher) {
    EXPECT_EQ(
        classify_cgroup("app-org.kde.konsole-7f3c9d0e1a2b4c5d8e9f0a1b2c3d4e5f.scope", kAppSlice),
        app("org.kde.konsole"));
    EXPECT_EQ(
        classify_cgroup("app-org.kde.dolphin@0b4e1f7a9c2d4e6f8a1b3c5d7e9f0a2b.service", kAppSlice),
        app("org.kde.dolphin"));
    EXPECT_EQ(classify_cgroup("app-firefox-5e6f7a8b9c0d4e1f2a3b4c5d6e7f8a9b.scope", kAppSlice),
              app("firefox"));
    EXPECT_EQ(classify_cgroup("app-org.kde.Help\\x2dCenter-1a2b.scope", kAppSlice),
              app("org.kde.Help-Center"))
        << "KIO escapes every dash of the id";
}

TEST(ClassifyCgroup, FindsTheServicesOfTheConvention) {
    EXPECT_EQ(classify_cgroup("app-gnome-org.gnome.Evince@12345.service", kAppSlice),
              app("org.gnome.Evince"));
    EXPECT_EQ(classify_cgroup("app-org.gnome.Calculator.service", kAppSlice),
              app("org.gnome.Calculator"))
        << "without a launcher and without an instance";
}

TEST(ClassifyCgroup, FindsTheAppsTheAutostartGeneratorStarts) {
    EXPECT_EQ(classify_cgroup("app-org.kde.kalendarac@autostart.service", kAppSlice),
              app("org.kde.kalendarac"));
    EXPECT_EQ(classify_cgroup("app-org.gnome.SettingsDaemon.DiskUtilityNotify@autostart.service",
                              kAppSlice),
              app("org.gnome.SettingsDaemon.DiskUtilityNotify"));
    EXPECT_EQ(classify_cgroup("app-gnome\\x2dkeyring\\x2dpkcs11@autostart.service", kAppSlice),
              app("gnome-keyring-pkcs11"));
}

TEST(ClassifyCgroup, StartsNoGroupAtAnAppSlice) {
    // systemd makes app-<template>.slice for a template's instances in app.slice as well
    // (app-dbus\x2d:1.2\x2dorg.gnome.Nautilus.slice, app-gnome\x2dsession\x2dmanager.slice), so
    // such a name does not tell an application: the units inside it do.
    for (const char* slice :
         {"app-org.gnome.Terminal.slice", "app-gnome-org.gnome.Terminal-3311.slice",
          "app-dbus\\x2d:1.2\\x2dorg.gnome.Nautilus.slice",
          "app-gnome\\x2dsession\\x2dmanager.slice", "app-gnome-.slice"}) {
        EXPECT_EQ(classify_cgroup(slice, kAppSlice), std::nullopt) << slice;
    }
}

TEST(ClassifyCgroup, NamesAnAppDbusBrokerActivatedAfterItsBusName) {
    // dbus-<activator's bus name>-<bus name>@<N>.service; a D-Bus activatable application's bus
    // name is its application id.
    EXPECT_EQ(classify_cgroup("dbus-:1.2-org.gnome.Nautilus@0.service", kAppSlice),
              app("org.gnome.Nautilus"));
    EXPECT_EQ(classify_cgroup("dbus-:1.14-org.freedesktop.portal.IBus@3.service", kAppSlice),
              app("org.freedesktop.portal.IBus"))
        << "whoever activated it, whichever instance";
    EXPECT_EQ(classify_cgroup("dbus-:1.2-com.example.my-app@0.service", kAppSlice),
              app("com.example.my-app"))
        << "a bus name may hold dashes; an activator's unique name holds none";
}

TEST(ClassifyCgroup, TakesADbusUnitWithoutABusNameForAUnitOfItsOwn) {
    for (const char* unit : {
             "dbus-:1.2-org.gnome.Nautilus.service",  // no '@'
             "dbus-:1.2@0.service",                   // no '-' after the activator
             "dbus-:1.2-@0.service",                  // an empty bus name
             "dbus-:1@2-org.gnome.Nautilus.service",  // the '@' before the '-'
         }) {
        EXPECT_EQ(classify_cgroup(unit, kAppSlice), service(unit)) << unit;
    }
    EXPECT_EQ(classify_cgroup("dbus.service", kSystemSlice), service("dbus.service"));
    EXPECT_EQ(classify_cgroup("dbus-broker.service", kSystemSlice), service("dbus-broker.service"));
}

TEST(ClassifyCgroup, TakesAnAppUnitWithoutAnApplicationIdForAUnitOfItsOwn) {
    for (const char* unit : {"app--4242.scope", "app-gnome--4242.scope", "app-@1.service",
                             "app-gnome-@1.service", "app-gnome-.service"}) {
        const auto group = classify_cgroup(unit, kAppSlice);
        ASSERT_TRUE(group.has_value()) << unit;
        EXPECT_EQ(group->kind, GroupKind::Service) << unit;
        EXPECT_EQ(group->id, unescape_unit_name(unit));
    }
}

TEST(ClassifyCgroup, NamesASnapAppAfterItsDesktopFile) {
    // snap.<snap>.<app>-<UUID>.scope; the app's desktop file is <snap>_<app>.desktop.
    EXPECT_EQ(classify_cgroup("snap.firefox.firefox-3dcfaa86-bf58-4d3e-a7c6-4e34dfdb050f.scope",
                              kAppSlice),
              app("firefox_firefox"));
    EXPECT_EQ(classify_cgroup(
                  "snap.snap-store.ubuntu-software-5d2c7cb4-7c83-45eb-9749-8c9bc4566b37.scope",
                  kAppSlice),
              app("snap-store_ubuntu-software"));
    EXPECT_EQ(classify_cgroup("snap.hello-world.sh.4706fe54-7802-4808-aa7e-ae8b567239e0.scope",
                              kAppSlice),
              app("hello-world_sh"))
        << "older snapd put a dot before the UUID";
}

TEST(ClassifyCgroup, TakesASnapScopeWithoutAUuidOrASnapServiceForAUnitOfItsOwn) {
    EXPECT_EQ(classify_cgroup("snap.firefox.firefox-4242.scope", kAppSlice),
              service("snap.firefox.firefox-4242.scope"));
    EXPECT_EQ(classify_cgroup("snap.firefox-3dcfaa86-bf58-4d3e-a7c6-4e34dfdb050f.scope", kAppSlice),
              service("snap.firefox-3dcfaa86-bf58-4d3e-a7c6-4e34dfdb050f.scope"))
        << "no app";
    EXPECT_EQ(classify_cgroup("snap.firmware-updater.firmware-notifier.service", kAppSlice),
              service("snap.firmware-updater.firmware-notifier.service"));
}

TEST(ClassifyCgroup, FindsTheContainersOfTheSystemdCgroupDrivers) {
    const std::string id = "4f5d3c2b1a09e8f7d6c5b4a3928170f6e5d4c3b2a1908f7e6d5c4b3a29180f7e";
    EXPECT_EQ(classify_cgroup("docker-" + id + ".scope", kSystemSlice),
              container("docker-4f5d3c2b1a09", "4f5d3c2b1a09"));
    EXPECT_EQ(classify_cgroup("libpod-" + id + ".scope", "user.slice"),
              container("podman-4f5d3c2b1a09", "4f5d3c2b1a09"));
    EXPECT_EQ(classify_cgroup("libpod-conmon-" + id + ".scope", "user.slice"),
              container("podman-4f5d3c2b1a09", "4f5d3c2b1a09"))
        << "podman's monitor is counted with its container";
    EXPECT_EQ(classify_cgroup("crio-" + id + ".scope", "kubepods-besteffort-pod1.slice"),
              container("crio-4f5d3c2b1a09", "4f5d3c2b1a09"));
    EXPECT_EQ(classify_cgroup("crio-conmon-" + id + ".scope", "kubepods-besteffort-pod1.slice"),
              container("crio-4f5d3c2b1a09", "4f5d3c2b1a09"))
        << "CRI-O's monitor is counted with its container";
    EXPECT_EQ(classify_cgroup("cri-containerd-" + id + ".scope", "kubepods-pod1.slice"),
              container("containerd-4f5d3c2b1a09", "4f5d3c2b1a09"));
}

TEST(ClassifyCgroup, FindsTheContainersOfTheCgroupfsDrivers) {
    const std::string id = "485776c9f6f2c22e2b44a2239b65471d6a1f3b2c4d5e6f708192a3b4c5d6e7f8";
    EXPECT_EQ(classify_cgroup(id, "docker"), container("docker-485776c9f6f2", "485776c9f6f2"));
    EXPECT_EQ(classify_cgroup("libpod-" + id, "libpod_parent"),
              container("podman-485776c9f6f2", "485776c9f6f2"));
    EXPECT_EQ(classify_cgroup(id, "system.slice"), std::nullopt) << "only below /docker";
    EXPECT_EQ(classify_cgroup("libpod-" + id, "user.slice"), std::nullopt);
}

TEST(ClassifyCgroup, FindsTheContainersOfLxcAndTheMachinesOfSystemd) {
    EXPECT_EQ(classify_cgroup("lxc.payload.web", "/"), container("lxc-web", "web"));
    EXPECT_EQ(classify_cgroup("lxc.monitor.web", "/"), container("lxc-web", "web"))
        << "LXC's monitor is counted with its container";
    EXPECT_EQ(classify_cgroup("machine-qemu\\x2d1\\x2dubuntu.scope", "machine.slice"),
              container("machine-qemu-1-ubuntu", "qemu-1-ubuntu"));
    EXPECT_EQ(classify_cgroup("systemd-nspawn@debian.service", "machine.slice"),
              container("machine-debian", "debian"));
}

TEST(ClassifyCgroup, FindsALoginSession) {
    EXPECT_EQ(classify_cgroup("session-2.scope", "user-1000.slice"),
              (CgroupGroup{GroupKind::Session, "session-2", "session-2.scope", false}));
    EXPECT_EQ(classify_cgroup("session-c1.scope", "user-120.slice"),
              (CgroupGroup{GroupKind::Session, "session-c1", "session-c1.scope", false}))
        << "GDM's greeter";
}

TEST(ClassifyCgroup, TakesAnyOtherServiceOrScopeForAUnitOfItsOwn) {
    for (const char* unit :
         {"NetworkManager.service", "user@1000.service", "org.gnome.Shell@wayland.service",
          "vte-spawn-21527424-cb2d-479f-af17-22251e2b37a0.scope",
          "run-r3ed76b0c1d2e4f5a6b7c8d9e0f1a2b3c.scope"}) {
        EXPECT_EQ(classify_cgroup(unit, kSystemSlice), service(unit)) << unit;
    }
    EXPECT_EQ(classify_cgroup("systemd-fsck@dev-disk-by\\x2duuid-1234.service", kSystemSlice),
              service("systemd-fsck@dev-disk-by-uuid-1234.service"))
        << "the unit's name, unescaped";
}

TEST(ClassifyCgroup, NamesAUnitByItsNameWhenSystemdEscapedItsCgroup) {
    // systemd's cg_escape: a '_' before a name that a controller's files could clash with.
    EXPECT_EQ(classify_cgroup("_io.github.vitalsd.service", kSystemSlice),
              service("io.github.vitalsd.service"));
    EXPECT_EQ(classify_cgroup("_cpu.example.scope", kSystemSlice), service("cpu.example.scope"));
    EXPECT_EQ(classify_cgroup("__private.service", kSystemSlice), service("_private.service"));
}

TEST(ClassifyCgroup, StartsNoGroupAtASliceAnInitScopeOrADirectoryNoConventionNames) {
    for (const char* name :
         {"app.slice", "user.slice", "user-1000.slice", "system.slice", "app-.slice", "init.scope",
          "udev", "container", "payload", "docker", "libpod_parent", "lxc.pivot"}) {
        EXPECT_EQ(classify_cgroup(name, kSystemSlice), std::nullopt) << name;
    }
}

TEST(ClassifyCgroup, TakesAContainerIdThatIsNotLowerCaseHexForAUnitOfItsOwn) {
    EXPECT_EQ(classify_cgroup("docker-4F5D3C2B1A09E8F7.scope", kSystemSlice),
              service("docker-4F5D3C2B1A09E8F7.scope"));
    EXPECT_EQ(classify_cgroup("docker-4f5d3c2b1a0.scope", kSystemSlice),
              service("docker-4f5d3c2b1a0.scope"))
        << "eleven digits: shorter than an id is shown";
    EXPECT_EQ(classify_cgroup("docker-compose-web.scope", kSystemSlice),
              service("docker-compose-web.scope"));
    EXPECT_EQ(classify_cgroup("libpod-4f5d3c2b1a09-x.scope", "user.slice"),
              service("libpod-4f5d3c2b1a09-x.scope"));
    EXPECT_EQ(classify_cgroup("4f5d3c2b1a09e8g7", "docker"), std::nullopt);
}

TEST(ClassifyCgroup, TakesANameWithNothingBetweenPrefixAndSuffixForNoConvention) {
    EXPECT_EQ(classify_cgroup("app-.scope", kAppSlice), service("app-.scope"));
    EXPECT_EQ(classify_cgroup("snap..scope", kAppSlice), service("snap..scope"));
    EXPECT_EQ(classify_cgroup("docker-.scope", kSystemSlice), service("docker-.scope"));
    EXPECT_EQ(classify_cgroup("machine-.scope", "machine.slice"), service("machine-.scope"));
    EXPECT_EQ(classify_cgroup("session-.scope", "user-1000.slice"), service("session-.scope"));
    EXPECT_EQ(classify_cgroup("lxc.payload.", "/"), std::nullopt);
}

}  // namespace
}  // namespace vitalsd
