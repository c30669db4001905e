// SPDX-License-Identifier: MIT
// ListProcesses: every process, with its CPU share measured over a short window.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

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

TEST(TheProcessTable, ShowsTheCpuShareOfABusyProcess) {
    PrivateBus bus;
    VitalsClient client(bus);
    const pid_t spinner = ::fork();
    if (spinner == 0) {
        // A loop with a side effect: an empty endless loop is undefined, and clang removes it.
        for (volatile unsigned long spins = 0;; spins = spins + 1) {
        }
    }

    double share = -1;
    for (const auto& p : client.ListProcesses()) {
        if (p.get<0>() == static_cast<std::uint32_t>(spinner)) {
            share = p.get<5>();
        }
    }
    ::kill(spinner, SIGKILL);
    ::waitpid(spinner, nullptr, 0);
    EXPECT_GT(share, 20.0) << "a spinning process uses most of one CPU";
    EXPECT_LE(share, 105.0);
}

}  // namespace
}  // namespace vitalsd::test
