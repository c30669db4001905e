// SPDX-License-Identifier: MIT
// How the application table names and shows a group of processes. The desktop files are those of
// tests/gui/data/applications, which the test's environment puts first where GIO looks
// ($XDG_DATA_HOME).
#include "application_face.hpp"

#include <giomm/init.h>
#include <gtest/gtest.h>

namespace vitalsd::monitor {
namespace {

vitalsd::ApplicationRow group(std::string id, std::string kind, std::string hint,
                              std::map<std::string, double> figures = {}) {
    return {std::move(id), std::move(kind), std::move(hint), {"/"}, std::move(figures)};
}

std::optional<DesktopEntry> no_desktop_files(const std::string&) {
    return std::nullopt;
}

class ADesktopFileLookup : public ::testing::Test {
protected:
    ADesktopFileLookup() { Gio::init(); }
};

TEST_F(ADesktopFileLookup, FindsTheNameAndIconOfADesktopFileById) {
    EXPECT_EQ(find_desktop_entry("org.example.Stopwatch"),
              (DesktopEntry{"Stopwatch", "org.example.Stopwatch"}));
    EXPECT_EQ(find_desktop_entry("org.example.Iconless"), (DesktopEntry{"Iconless", ""}));
}

TEST_F(ADesktopFileLookup, FindsNothingWhereThereIsNoSuchFile) {
    EXPECT_EQ(find_desktop_entry("org.example.NotInstalled"), std::nullopt);
}

TEST(AnApplicationFace, ShowsAnAppByItsDesktopFile) {
    const auto lookup = [](const std::string& id) -> std::optional<DesktopEntry> {
        if (id == "org.gnome.Terminal") {
            return DesktopEntry{"Terminal", "org.gnome.Terminal"};
        }
        return std::nullopt;
    };
    EXPECT_EQ(face_of(group("org.gnome.Terminal", "app", "org.gnome.Terminal"), lookup),
              (ApplicationFace{"Terminal", "org.gnome.Terminal"}));
}

TEST(AnApplicationFace, GivesAnAppWithoutAnIconTheGenericOne) {
    const auto lookup = [](const std::string&) -> std::optional<DesktopEntry> {
        return DesktopEntry{"Iconless", ""};
    };
    EXPECT_EQ(face_of(group("iconless", "app", "org.example.Iconless"), lookup),
              (ApplicationFace{"Iconless", "application-x-executable-symbolic"}));
}

TEST(AnApplicationFace, FallsBackToTheHintForAnAppWithoutADesktopFile) {
    EXPECT_EQ(face_of(group("firefox", "app", "firefox"), no_desktop_files),
              (ApplicationFace{"firefox", "application-x-executable-symbolic"}));
}

TEST(AnApplicationFace, ShowsOtherKindsByHintOrIdWithTheIconOfTheirKind) {
    int lookups = 0;
    const auto counting = [&](const std::string&) -> std::optional<DesktopEntry> {
        ++lookups;
        return DesktopEntry{"Wrong", "wrong"};
    };
    EXPECT_EQ(face_of(group("nginx.service", "service", "nginx.service"), counting),
              (ApplicationFace{"nginx.service", "system-run-symbolic"}));
    EXPECT_EQ(face_of(group("docker-4f3a", "container", "4f3a"), counting),
              (ApplicationFace{"4f3a", "package-x-generic-symbolic"}));
    EXPECT_EQ(face_of(group("session-3", "session", "session-3"), counting),
              (ApplicationFace{"session-3", "avatar-default-symbolic"}));
    EXPECT_EQ(face_of(group("system", "system", ""), counting),
              (ApplicationFace{"system", "computer-symbolic"}));
    EXPECT_EQ(lookups, 0) << "only an app has a desktop file";
}

TEST(AnApplicationFigure, ReadsAsTheTableShowsIt) {
    const auto row = group("org.gnome.Terminal", "app", "org.gnome.Terminal",
                           {{"cpu", 12.345},
                            {"memory", 1.5 * 1024 * 1024 * 1024},
                            {"ioRead", 3 * 1024 * 1024},
                            {"ioWrite", 0},
                            {"processes", 7},
                            {"cpuPressure", 2.3}});
    EXPECT_EQ(figure_text(row, "cpu"), "12.3");
    EXPECT_EQ(figure_text(row, "memory"), "1.5 GiB");
    EXPECT_EQ(figure_text(row, "ioRead"), "3.0 MiB/s");
    EXPECT_EQ(figure_text(row, "ioWrite"), "0 B/s");
    EXPECT_EQ(figure_text(row, "processes"), "7");
    EXPECT_EQ(figure_text(row, "cpuPressure"), "2.3 %");
    EXPECT_EQ(figure_of(row, "processes"), 7);
}

TEST(AnApplicationFigure, ReadsAsADashWhereTheKernelGivesNone) {
    // The root cgroup has no io.stat or memory.current: the system group goes without.
    const auto row = group("system", "system", "", {{"cpu", 0.5}, {"processes", 93}});
    EXPECT_EQ(figure_text(row, "memory"), "—");
    EXPECT_EQ(figure_text(row, "ioRead"), "—");
    EXPECT_EQ(figure_of(row, "ioWrite"), std::nullopt);
}

}  // namespace
}  // namespace vitalsd::monitor
