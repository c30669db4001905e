// SPDX-License-Identifier: MIT
// Bad input gets a named error, changes nothing else, and never brings the service down.
#include <gtest/gtest.h>

#include <algorithm>

#include "private_bus.hpp"

namespace vitalsd::test {
namespace {

constexpr const char* kUnknownSensor = "io.github.vitalsd.Error.UnknownSensor";
constexpr const char* kInvalidArgument = "io.github.vitalsd.Error.InvalidArgument";
constexpr const char* kLimitExceeded = "io.github.vitalsd.Error.LimitExceeded";

TEST(AnUnknownSensor, IsANamedErrorThatNamesIt) {
    PrivateBus bus;
    VitalsClient client(bus);

    try {
        client.GetValues({"load/1", "cpu/cpu999/usage"});
        FAIL() << "no error";
    } catch (const sdbus::Error& e) {
        EXPECT_EQ(e.getName(), kUnknownSensor);
        EXPECT_NE(e.getMessage().find("cpu/cpu999/usage"), std::string::npos) << e.getMessage();
    }
    EXPECT_EQ(error_of([&] { client.Start(1000, {"nope"}); }), kUnknownSensor);
    EXPECT_EQ(error_of([&] { client.GetHistory({"nope"}, 0); }), kUnknownSensor);
}

TEST(AnIntervalOutOfRange, IsInvalidArgument) {
    PrivateBus bus({"--min-interval=200"});
    VitalsClient client(bus);

    EXPECT_EQ(error_of([&] { client.Start(0, {}); }), kInvalidArgument);
    EXPECT_EQ(error_of([&] { client.Start(199, {}); }), kInvalidArgument);
    EXPECT_EQ(error_of([&] { client.Start(3'600'001, {}); }), kInvalidArgument);
    EXPECT_EQ(error_of([&] { client.Start(4'294'967'295u, {}); }), kInvalidArgument);
    EXPECT_EQ(error_of([&] { client.Start(200, {}); }), "");
    EXPECT_EQ(error_of([&] { client.Start(3'600'000, {}); }), "");
}

TEST(AMalformedPattern, IsInvalidArgument) {
    PrivateBus bus;
    VitalsClient client(bus);

    for (const std::string bad : {"", "cpu//usage", "cpu/", "/cpu", "cpu*", "cpu/a*b/usage"}) {
        EXPECT_EQ(error_of([&] { client.GetValues({bad}); }), kInvalidArgument) << bad;
    }
}

TEST(AFailedStart, LeavesTheCallersSubscriptionAsItWas) {
    PrivateBus bus;
    VitalsClient client(bus);
    client.Start(300, {"load/1"});

    EXPECT_EQ(error_of([&] { client.Start(100, {"nope"}); }), kUnknownSensor);
    EXPECT_EQ(error_of([&] { client.Start(1, {}); }), kInvalidArgument);

    EXPECT_EQ(client.Interval(), 300u);
    EXPECT_EQ(client.Clients(), 1u);
    client.updates.clear();
    ASSERT_TRUE(client.pump_until([&] { return !client.updates.empty(); }, 2s));
    EXPECT_EQ(client.updates.front().values.size(), 1u);
    EXPECT_TRUE(client.updates.front().values.contains("load/1"));
}

TEST(OneClientTooMany, GetsLimitExceededAndOthersKeepTheirs) {
    PrivateBus bus({"--max-clients=2"});
    VitalsClient first(bus);
    VitalsClient second(bus);
    VitalsClient third(bus);
    first.Start(1000, {});
    second.Start(1000, {});

    EXPECT_EQ(error_of([&] { third.Start(1000, {}); }), kLimitExceeded);
    EXPECT_EQ(error_of([&] { second.Start(500, {}); }), "") << "a known client may re-subscribe";
    EXPECT_EQ(first.Clients(), 2u);
}

TEST(TooManySensorNames, AreLimitExceeded) {
    PrivateBus bus({"--max-sensors=3"});
    VitalsClient client(bus);

    EXPECT_EQ(error_of([&] {
                  client.GetValues({"load/1", "load/5", "load/15", "load/1"});
              }),
              kLimitExceeded);
    EXPECT_EQ(error_of([&] {
                  client.Start(1000, {"load/1", "load/5", "load/15", "load/1"});
              }),
              kLimitExceeded);
    EXPECT_EQ(error_of([&] { client.GetValues({"load/1", "load/5", "load/15"}); }), "");
}

TEST(TooManyCallsWaitingForAMeasurement, AreLimitExceeded) {
    PrivateBus bus({"--max-pending=2"});
    VitalsClient client(bus);
    client.Version();

    // Three rate reads at once with nothing sampled: two wait for their window, the third is
    // refused at once.
    std::vector<std::string> outcomes;
    for (int i = 0; i < 3; ++i) {
        client.proxy()
            .callMethodAsync("GetValues")
            .onInterface(VitalsClient::INTERFACE_NAME)
            .withArguments(std::vector<std::string>{"cpu/all/usage"})
            .uponReplyInvoke(
                [&](const sdbus::Error* error, std::uint64_t, std::map<std::string, double>) {
                    outcomes.push_back(error != nullptr ? error->getName() : "");
                });
    }
    ASSERT_TRUE(client.pump_until([&] { return outcomes.size() == 3; }, 3s));
    EXPECT_EQ(std::count(outcomes.begin(), outcomes.end(), ""), 2);
    EXPECT_EQ(std::count(outcomes.begin(), outcomes.end(), "io.github.vitalsd.Error.LimitExceeded"),
              1);
}

TEST(AHugeRequest, IsRefusedAndTheServiceGoesOn) {
    PrivateBus bus;
    VitalsClient client(bus);

    const std::vector<std::string> many(100'000, "load/1");
    EXPECT_EQ(error_of([&] { client.GetValues(many); }), kLimitExceeded);
    const std::string megabyte(1 << 20, 'x');
    try {
        client.GetValues({megabyte});
        FAIL() << "no error";
    } catch (const sdbus::Error& e) {
        EXPECT_EQ(e.getName(), kUnknownSensor);
        EXPECT_LT(e.getMessage().size(), 200u) << "the message quotes a short prefix";
    }
    EXPECT_EQ(std::get<1>(client.GetValues({"load/1"})).size(), 1u);
}

TEST(ArgumentsOfTheWrongType, AreRefusedByTheBusLayer) {
    PrivateBus bus;
    VitalsClient client(bus);

    const auto error = error_of([&] {
        client.proxy()
            .callMethod("Start")
            .onInterface(VitalsClient::INTERFACE_NAME)
            .withArguments(std::string("fast"), 7);
    });
    EXPECT_FALSE(error.empty());
    EXPECT_EQ(client.Clients(), 0u);
}

}  // namespace
}  // namespace vitalsd::test
