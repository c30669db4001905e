// SPDX-License-Identifier: MIT
#include "sampling/sensor_catalog.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <initializer_list>
#include <set>
#include <stdexcept>

#include "collector_reading.hpp"
#include "collectors/cpu.hpp"
#include "collectors/load.hpp"
#include "collectors/memory.hpp"
#include "fixture_path.hpp"
#include "hotplug_collector.hpp"
#include "request_error.hpp"

namespace vitalsd {
namespace {

// Returns the sensors available in the catalogue, in index order.
std::vector<SensorInfo> sensors_of(const SensorCatalog& catalog) {
    std::vector<SensorInfo> out;
    for (const auto sensor : catalog.available_sensors()) {
        out.push_back(catalog.info(sensor));
    }
    return out;
}

bool is_available(const SensorCatalog& catalog, SensorIndex sensor) {
    const auto available = catalog.available_sensors();
    return std::find(available.begin(), available.end(), sensor) != available.end();
}

// Reads the collectors into reading, ignoring what came and went.
void read_into(SensorCatalog& catalog, CollectorSet collectors, Reading& reading) {
    SensorChanges changes;
    catalog.read(collectors, reading, changes);
}

using test::basic_proc_root;

// The catalogue as main() builds it: cpu, memory, load, in that order.
constexpr std::size_t kCpu = 0;
constexpr std::size_t kMemory = 1;
constexpr std::size_t kLoad = 2;

class ACatalogOfTheBasicFixture : public ::testing::Test {
protected:
    static std::vector<std::unique_ptr<Collector>> collectors() {
        std::vector<std::unique_ptr<Collector>> out;
        out.push_back(std::make_unique<CpuCollector>(basic_proc_root()));
        out.push_back(std::make_unique<MemoryCollector>(basic_proc_root()));
        out.push_back(std::make_unique<LoadCollector>(basic_proc_root()));
        return out;
    }

    std::vector<std::string> ids(const SensorSet& set) const {
        std::vector<std::string> out;
        for (const auto sensor : set) {
            out.push_back(catalog.info(sensor).id);
        }
        return out;
    }

    SensorIndex index_of(const std::string& id) const {
        const auto set = catalog.resolve({id});
        if (set.size() != 1) {
            throw std::logic_error("no single sensor " + id);
        }
        return set.front();
    }

    SensorCatalog catalog{collectors()};
};

TEST_F(ACatalogOfTheBasicFixture, HoldsTheSensorsOfEveryCollector) {
    std::set<std::string> all;
    for (const auto& sensor : sensors_of(catalog)) {
        all.insert(sensor.id);
    }
    EXPECT_TRUE(all.contains("cpu/all/usage"));
    EXPECT_TRUE(all.contains("cpu/cpu1/iowait"));
    EXPECT_TRUE(all.contains("memory/physical/total"));
    EXPECT_TRUE(all.contains("load/15"));
    EXPECT_EQ(all.size(), sensors_of(catalog).size()) << "sensor ids are not unique";
}

TEST_F(ACatalogOfTheBasicFixture, ResolvesNoNamesToEverySensorInOrder) {
    const auto set = catalog.resolve({});
    ASSERT_EQ(set.size(), sensors_of(catalog).size());
    for (std::size_t i = 0; i < set.size(); ++i) {
        EXPECT_EQ(set[i], i);
    }
}

TEST_F(ACatalogOfTheBasicFixture, ResolvesAnIdToThatSensor) {
    const auto set = catalog.resolve({"memory/physical/total"});
    ASSERT_EQ(set.size(), 1u);
    EXPECT_EQ(catalog.info(set[0]).id, "memory/physical/total");
    EXPECT_EQ(catalog.info(set[0]).unit, "B");
}

TEST_F(ACatalogOfTheBasicFixture, ThrowsUnknownSensorNamingAnIdThatDoesNotExist) {
    try {
        catalog.resolve({"load/1", "cpu/cpu9/usage"});
        FAIL() << "resolved an unknown id";
    } catch (const RequestError& e) {
        EXPECT_EQ(e.kind(), RequestError::Kind::UnknownSensor);
        EXPECT_NE(std::string(e.what()).find("'cpu/cpu9/usage'"), std::string::npos) << e.what();
    }
}

TEST_F(ACatalogOfTheBasicFixture, ThrowsInvalidArgumentForAMalformedName) {
    try {
        catalog.resolve({"load/1", "load//1"});
        FAIL() << "resolved a malformed name";
    } catch (const RequestError& e) {
        EXPECT_EQ(e.kind(), RequestError::Kind::InvalidArgument);
    }
}

TEST_F(ACatalogOfTheBasicFixture, ResolvesAPatternThatMatchesNothingToNoSensors) {
    EXPECT_TRUE(catalog.resolve({"gpu/*/usage"}).empty());
    EXPECT_EQ(ids(catalog.resolve({"gpu/*/usage", "load/5"})), std::vector<std::string>{"load/5"});
}

TEST_F(ACatalogOfTheBasicFixture, ResolvesAPatternToEveryMatchingSensor) {
    EXPECT_EQ(ids(catalog.resolve({"cpu/*/usage"})),
              (std::vector<std::string>{"cpu/all/usage", "cpu/cpu0/usage", "cpu/cpu1/usage"}));
}

TEST_F(ACatalogOfTheBasicFixture, RemovesDuplicatesAndSortsByIndex) {
    const auto set = catalog.resolve({"load/15", "load/1", "load/*", "load/1", "cpu/all/usage"});
    EXPECT_TRUE(std::is_sorted(set.begin(), set.end()));
    EXPECT_EQ(std::adjacent_find(set.begin(), set.end()), set.end());
    EXPECT_EQ(ids(set), (std::vector<std::string>{"cpu/all/usage", "load/1", "load/5", "load/15"}));
}

TEST_F(ACatalogOfTheBasicFixture, NamesTheCollectorsOfTheSensors) {
    const auto load_only = catalog.collectors_of(catalog.resolve({"load/1"}));
    EXPECT_EQ(load_only.count(), 1u);
    EXPECT_TRUE(load_only.test(kLoad));

    const auto cpu_and_memory =
        catalog.collectors_of(catalog.resolve({"cpu/all/usage", "memory/swap/used"}));
    EXPECT_EQ(cpu_and_memory.count(), 2u);
    EXPECT_TRUE(cpu_and_memory.test(kCpu));
    EXPECT_TRUE(cpu_and_memory.test(kMemory));

    EXPECT_TRUE(catalog.collectors_of({}).none());
}

TEST_F(ACatalogOfTheBasicFixture, NeedsTwoReadingsOnlyForRatesAndShares) {
    EXPECT_FALSE(catalog.needs_two_readings({}));
    EXPECT_FALSE(catalog.needs_two_readings(catalog.resolve({"memory/*/*", "load/*"})));
    EXPECT_FALSE(catalog.needs_two_readings(catalog.resolve({"cpu/all/count"})));
    EXPECT_TRUE(catalog.needs_two_readings(catalog.resolve({"cpu/all/usage"})));
    EXPECT_TRUE(catalog.needs_two_readings(catalog.resolve({"load/1", "cpu/cpu0/user"})));
}

TEST_F(ACatalogOfTheBasicFixture, ReadsOnlyTheCollectorsAskedFor) {
    Reading reading;
    read_into(catalog, catalog.collectors_of(catalog.resolve({"load/1"})), reading);
    ASSERT_EQ(reading.samples.size(), sensors_of(catalog).size());
    EXPECT_TRUE(reading.samples[index_of("load/1")].present());
    EXPECT_TRUE(reading.samples[index_of("load/15")].present());
    EXPECT_FALSE(reading.samples[index_of("memory/physical/total")].present());
    EXPECT_FALSE(reading.samples[index_of("cpu/all/usage")].present());
}

TEST_F(ACatalogOfTheBasicFixture, ClearsWhatAnEarlierReadLeftInTheReading) {
    Reading reading;
    read_into(catalog, catalog.collectors_of(catalog.resolve({})), reading);
    ASSERT_TRUE(reading.samples[index_of("memory/physical/total")].present());
    read_into(catalog, catalog.collectors_of(catalog.resolve({"load/1"})), reading);
    EXPECT_FALSE(reading.samples[index_of("memory/physical/total")].present());
}

TEST_F(ACatalogOfTheBasicFixture, PutsEachCollectorsValuesIntoItsOwnSensors) {
    Reading reading;
    read_into(catalog, CollectorSet{}.set(), reading);
    // The same files read by each collector alone must give the same numbers, sensor by sensor.
    CpuCollector cpu(basic_proc_root());
    MemoryCollector memory(basic_proc_root());
    LoadCollector load(basic_proc_root());
    std::size_t compared = 0;
    for (Collector* alone : std::initializer_list<Collector*>{&cpu, &memory, &load}) {
        const auto reading_alone = test::read_collector(*alone);
        for (std::size_t i = 0; i < reading_alone.sensors.size(); ++i) {
            const auto& id = reading_alone.sensors[i].id;
            const auto& in_catalog = reading.samples[index_of(id)];
            ASSERT_TRUE(in_catalog.present()) << id;
            EXPECT_EQ(in_catalog.a, reading_alone.samples[i].a) << id;
            EXPECT_TRUE(in_catalog.b == reading_alone.samples[i].b ||
                        (std::isnan(in_catalog.b) && std::isnan(reading_alone.samples[i].b)))
                << id;
            ++compared;
        }
    }
    EXPECT_EQ(compared, sensors_of(catalog).size());
}

// A collector with the given number of sensors "<name>/<i>", each reading its own number.
class NumberedCollector final : public Collector {
public:
    NumberedCollector(std::string name, std::size_t count, double first,
                      SensorKind kind = SensorKind::Gauge)
        : name_(std::move(name)), count_(count), first_(first), kind_(kind) {
        for (std::size_t i = 0; i < count_; ++i) {
            sensors_.push_back({name_ + "/" + std::to_string(i), "", "", "", kind_});
        }
    }

    const std::vector<SensorInfo>& sensors() const override { return sensors_; }

    bool read(std::vector<RawSample>& out) override {
        ++reads_;
        out.resize(count_);
        for (std::size_t i = 0; i < out.size(); ++i) {
            out[i] = {first_ + static_cast<double>(i)};
        }
        return false;
    }

    int reads_ = 0;

private:
    std::string name_;
    std::size_t count_;
    double first_;
    SensorKind kind_;
    std::vector<SensorInfo> sensors_;
};

TEST(ASensorCatalog, GivesEachCollectorASliceOfItsOwnSize) {
    std::vector<std::unique_ptr<Collector>> collectors;
    auto a = std::make_unique<NumberedCollector>("a", 2, 10);
    auto b = std::make_unique<NumberedCollector>("b", 3, 20);
    auto* a_seen = a.get();
    auto* b_seen = b.get();
    collectors.push_back(std::move(a));
    collectors.push_back(std::move(b));
    SensorCatalog catalog(std::move(collectors));

    Reading reading;
    read_into(catalog, CollectorSet{}.set(0).set(1), reading);
    // Once to learn the sensors, once for this reading.
    EXPECT_EQ(a_seen->reads_, 2);
    EXPECT_EQ(b_seen->reads_, 2);
    ASSERT_EQ(reading.samples.size(), 5u);
    const std::vector<double> expected = {10, 11, 20, 21, 22};
    for (std::size_t i = 0; i < expected.size(); ++i) {
        EXPECT_EQ(reading.samples[i].a, expected[i]) << catalog.info(i).id;
    }
    EXPECT_EQ(catalog.info(2).id, "b/0");
}

TEST(ASensorCatalog, NeedsTwoReadingsForARate) {
    std::vector<std::unique_ptr<Collector>> collectors;
    collectors.push_back(std::make_unique<NumberedCollector>("gauge", 1, 0));
    collectors.push_back(std::make_unique<NumberedCollector>("rate", 1, 0, SensorKind::Rate));
    SensorCatalog catalog(std::move(collectors));
    EXPECT_FALSE(catalog.needs_two_readings(catalog.resolve({"gauge/0"})));
    EXPECT_TRUE(catalog.needs_two_readings(catalog.resolve({"rate/0"})));
}

TEST(ASensorCatalog, RefusesMoreCollectorsThanItsSetsCanHold) {
    std::vector<std::unique_ptr<Collector>> collectors;
    for (std::size_t i = 0; i <= kMaxCollectors; ++i) {
        collectors.push_back(std::make_unique<NumberedCollector>("c" + std::to_string(i), 1, 0));
    }
    EXPECT_THROW(SensorCatalog{std::move(collectors)}, std::logic_error);
}

class ACatalogOfDevicesThatComeAndGo : public ::testing::Test {
protected:
    ACatalogOfDevicesThatComeAndGo() {
        auto hotplug = std::make_unique<test::Hotplug>(std::vector<std::string>{"eth0", "wlan0"});
        devices = hotplug.get();
        std::vector<std::unique_ptr<Collector>> collectors;
        collectors.push_back(std::move(hotplug));
        catalog = std::make_unique<SensorCatalog>(std::move(collectors));
    }

    SensorChanges replug(std::vector<std::string> now) {
        devices->plug(std::move(now));
        SensorChanges changes;
        catalog->read(catalog->all_collectors(), reading, changes);
        return changes;
    }

    test::Hotplug* devices = nullptr;
    std::unique_ptr<SensorCatalog> catalog;
    Reading reading;
};

TEST_F(ACatalogOfDevicesThatComeAndGo, ReportsWhatCameAndWhatWent) {
    const auto changes = replug({"wlan0", "usb0"});

    EXPECT_EQ(changes.added, std::vector<std::string>{"dev/usb0/value"});
    EXPECT_EQ(changes.removed, std::vector<std::string>{"dev/eth0/value"});
    EXPECT_EQ(sensors_of(*catalog).size(), 2u);
    EXPECT_TRUE(replug({"wlan0", "usb0"}).empty());
}

TEST_F(ACatalogOfDevicesThatComeAndGo, GivesASensorThatComesBackItsOldIndex) {
    const auto eth0 = catalog->resolve({"dev/eth0/value"}).front();
    replug({"wlan0"});
    EXPECT_FALSE(is_available(*catalog, eth0));
    replug({"wlan0", "eth0"});

    EXPECT_TRUE(is_available(*catalog, eth0));
    EXPECT_EQ(catalog->resolve({"dev/eth0/value"}).front(), eth0);
    EXPECT_EQ(reading.at(eth0).a, 4.0);
}

TEST_F(ACatalogOfDevicesThatComeAndGo, RefusesAGoneIdInANewRequestButKeepsItForOldOnes) {
    const auto eth0 = catalog->resolve({"dev/eth0/value"}).front();
    replug({"wlan0"});

    EXPECT_THROW(catalog->resolve({"dev/eth0/value"}), RequestError);
    EXPECT_EQ(catalog->resolve_again({"dev/eth0/value"}), SensorSet{eth0});
    EXPECT_FALSE(reading.at(eth0).present()) << "a gone device has no value";
}

TEST_F(ACatalogOfDevicesThatComeAndGo, MatchesPatternsAgainstWhatIsThereNow) {
    replug({"wlan0", "usb0"});

    std::set<std::string> matched;
    for (const auto sensor : catalog->resolve({"dev/*/value"})) {
        matched.insert(catalog->info(sensor).id);
    }
    EXPECT_EQ(matched, (std::set<std::string>{"dev/wlan0/value", "dev/usb0/value"}));
    EXPECT_EQ(catalog->resolve({}).size(), 2u);
}

TEST(ASensorCatalog, NamesTheCollectorsThatMayAddSensorsAPatternMatches) {
    std::vector<std::unique_ptr<Collector>> collectors;
    collectors.push_back(std::make_unique<NumberedCollector>("fixed", 1, 0));
    collectors.push_back(std::make_unique<test::Hotplug>(std::vector<std::string>{}));
    const SensorCatalog catalog(std::move(collectors));
    const auto hotplug = CollectorSet{}.set(1);

    EXPECT_EQ(catalog.collectors_that_may_add({"dev/*/value"}), hotplug);
    EXPECT_EQ(catalog.collectors_that_may_add({"fixed/0", "*/*/*"}), hotplug);
    EXPECT_EQ(catalog.collectors_that_may_add({}), hotplug) << "every sensor, those to come too";
    EXPECT_EQ(catalog.collectors_that_may_add({"dev/*/other", "dev/*", "fixed/*"}), CollectorSet{});
    EXPECT_EQ(catalog.collectors_that_may_add({"dev/eth0/value"}), CollectorSet{})
        << "an id names a sensor that is there, whose collector is read with it";
}

}  // namespace
}  // namespace vitalsd
