// SPDX-License-Identifier: MIT
// A steady read, with the same devices as the read before, allocates nothing.
#include <gtest/gtest.h>

#include <initializer_list>

#include "allocation_count.hpp"
#include "collectors/cpu_frequency.hpp"
#include "collectors/fan.hpp"
#include "collectors/filesystem.hpp"
#include "collectors/memory.hpp"
#include "collectors/power.hpp"
#include "collectors/pressure.hpp"
#include "collectors/rapl.hpp"
#include "collectors/temperature.hpp"
#include "fake_clock.hpp"
#include "fixture_path.hpp"
#include "temp_dir.hpp"

namespace vitalsd {
namespace {

// Returns how many allocations the last of three reads made. With a clock, each read comes a
// second after the one before, so that a collector that keeps its values for a second (cpufreq)
// reads its files each time rather than serving what it kept.
std::size_t allocations_of_a_steady_read(Collector& collector, test::FakeClock* clock = nullptr) {
    std::vector<RawSample> out;
    const auto read = [&] {
        if (clock != nullptr) {
            clock->advance_ms(1000);
        }
        collector.read(out);
    };
    read();
    read();  // buffers grown to size
    const auto before = test::allocations_so_far();
    read();
    return test::allocations_so_far() - before;
}

TEST(ASteadyRead, AllocatesNothing) {
    const auto probe = test::allocations_so_far();
    ::operator delete(::operator new(1));  // a call, which unlike new int may not be elided
    ASSERT_EQ(test::allocations_so_far(), probe + 1) << "allocations are not counted";

    for (const char* fixture : {"laptop-intel", "desktop-amd", "arm-charge"}) {
        SCOPED_TRACE(fixture);
        const auto sys = test::fixture_path(std::string(fixture) + "/sys");
        test::FakeClock clock;
        TemperatureCollector temperature(sys, clock);
        PowerCollector power(sys);
        EXPECT_EQ(allocations_of_a_steady_read(power), 0u);
        RaplCollector rapl(sys);
        EXPECT_EQ(allocations_of_a_steady_read(rapl), 0u);
        CpuFrequencyCollector frequency(sys, clock);
        FanCollector fans(sys, clock);
        for (Collector* cached :
             std::initializer_list<Collector*>{&temperature, &frequency, &fans}) {
            EXPECT_EQ(allocations_of_a_steady_read(*cached), 0u) << "from the cache";
            EXPECT_EQ(allocations_of_a_steady_read(*cached, &clock), 0u) << "from the files";
        }
        FileSystemCollector filesystems(test::fixture_path(std::string(fixture) + "/proc"),
                                        [](const std::string&) {
                                            return std::optional<FsSpace>(FsSpace{4096, 10, 5, 4});
                                        });
        EXPECT_EQ(allocations_of_a_steady_read(filesystems), 0u);
    }
}

TEST(ASteadyRead, OfPressureStallInformationAllocatesNothing) {
    for (const char* fixture : {"basic", "arm-charge"}) {
        SCOPED_TRACE(fixture);
        test::FakeClock clock;
        PressureCollector pressure(test::fixture_path(std::string(fixture) + "/proc"), clock);
        ASSERT_FALSE(pressure.sensors().empty());
        EXPECT_EQ(allocations_of_a_steady_read(pressure, &clock), 0u);
    }
}

TEST(ASteadyRead, OfMemoryWithZfsAllocatesNothing) {
    MemoryCollector memory(test::fixture_path("zfs/proc"));
    EXPECT_EQ(allocations_of_a_steady_read(memory), 0u);
}

TEST(ASteadyRead, OfTheCpufreqFilesTriesACpuWithoutThemAgainWithoutAllocating) {
    test::TempDir dir;
    dir.write("devices/system/cpu/cpu0/cpufreq/scaling_cur_freq", "1000000\n");
    dir.write("devices/system/cpu/cpu1/online", "0\n");
    test::FakeClock clock;
    CpuFrequencyCollector frequency(dir.path(), clock);
    EXPECT_EQ(allocations_of_a_steady_read(frequency, &clock), 0u);
}

TEST(ASteadyRead, OfTheFileSystemsWithStatvfsAllocatesNothing) {
    test::TempDir dir;
    dir.write("self/mountinfo", "28 1 259:2 / / rw - ext4 /dev/root rw\n");
    FileSystemCollector filesystems(dir.path());
    EXPECT_EQ(allocations_of_a_steady_read(filesystems), 0u);
}

}  // namespace
}  // namespace vitalsd
