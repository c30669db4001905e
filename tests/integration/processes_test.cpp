// SPDX-License-Identifier: MIT
// ListProcesses: every process, with its CPU share measured over a short window.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <thread>

#include "private_bus.hpp"

namespace vitalsd::test {
namespace {

TEST(TheProcessTable, ListsThisTestWithItsOwnDetails) {
    PrivateBus bus;
    VitalsClient client(bus);

    const auto processes = client.ListProcesses();
    bool found = false;
    for (const auto& p : processes) {
        if (p.get<0>() == static_cast<std::uint32_t>(::getpid())) {
            found = true;
            EXPECT_EQ(p.get<1>(), static_cast<std::uint32_t>(::getppid()));
            EXPECT_EQ(p.get<2>(), ::getuid());
            EXPECT_EQ(p.get<3>(), "integration-tes");  // comm is cut at 15 characters
            EXPECT_GT(p.get<6>(), 0u);                 // resident bytes
            EXPECT_GE(p.get<7>(), 1u);                 // threads
            EXPECT_NE(p.get<8>().find("integration-tests"), std::string::npos);
            EXPECT_GE(p.get<5>(), 0.0);
        }
    }
    EXPECT_TRUE(found);
    EXPECT_GT(processes.size(), 3u);
}

TEST(TheProcessTable, ShowsACommandLineThatIsNotUtf8AsUtf8) {
    PrivateBus bus;
    VitalsClient client(bus);
    // A process whose command line holds bytes that are not UTF-8 must not break the reply.
    Child odd_process({"odd\xFF\xFEname", "30"},
                      {.executable = "/bin/sleep", .die_with_parent = true});
    const auto odd = static_cast<std::uint32_t>(odd_process.pid());
    std::this_thread::sleep_for(100ms);  // until exec has replaced the command line

    std::string shown;
    for (const auto& p : client.ListProcesses()) {
        if (p.get<0>() == odd) {
            shown = p.get<8>();
        }
    }
    odd_process.kill(SIGKILL);
    EXPECT_EQ(shown.substr(0, 13), "odd\xEF\xBF\xBD\xEF\xBF\xBDname")
        << "got: " << shown.size() << " bytes";
}

TEST(TheProcessTable, ShowsTheCpuShareOfABusyProcess) {
    PrivateBus bus;
    VitalsClient client(bus);
    Child spinner(
        [] {
            // A loop with a side effect: an empty endless loop is undefined, and clang removes it.
            volatile unsigned long spins = 0;
            for (;;) {
                spins = spins + 1;
            }
            return 0;
        },
        {.die_with_parent = true});  // never outlive a test that failed half way

    double share = -1;
    for (const auto& p : client.ListProcesses()) {
        if (p.get<0>() == static_cast<std::uint32_t>(spinner.pid())) {
            share = p.get<5>();
        }
    }
    spinner.kill(SIGKILL);
    // Most of one CPU on an idle machine; a fair share of one on a busy one.
    EXPECT_GT(share, 5.0);
    EXPECT_LE(share, 105.0);
}

}  // namespace
}  // namespace vitalsd::test
