// SPDX-License-Identifier: MIT
// Random and extreme arguments for every method: each gets a named error or a proper answer,
// and afterwards the same service still answers correctly, with its memory bounded.
#include <gtest/gtest.h>

#include <random>

#include "private_bus.hpp"

namespace vitalsd::test {
namespace {

bool is_named_error(const std::string& name) {
    return name.starts_with("io.github.vitalsd.Error.") ||
           name.starts_with("org.freedesktop.DBus.Error.");
}

// Random arguments of random D-Bus types, the odd values favoured.
class ArgumentGenerator {
public:
    explicit ArgumentGenerator(unsigned seed) : random_(seed) {}

    void append_random(sdbus::MethodCall& call) {
        switch (pick(7)) {
            case 0:
                call << pick_of<std::uint32_t>({0u, 1u, 99u, 100u, 3'600'000u, 3'600'001u,
                                                4'294'967'295u,
                                                static_cast<std::uint32_t>(random_())});
                break;
            case 1:
                call << name();
                break;
            case 2:
                call << names();
                break;
            case 3:
                call << pick_of<std::uint64_t>({0u, 1u, UINT64_MAX, random_()});
                break;
            case 4:
                call << static_cast<double>(random_()) / 7.0;
                break;
            case 5:
                call << (pick(2) == 0);
                break;
            default:
                call << std::map<std::string, double>{{name(), 1.5}};
                break;
        }
    }

    std::vector<std::string> names() {
        std::vector<std::string> out(pick(4) == 0 ? 2000 : pick(6));
        for (auto& n : out) {
            n = name();
        }
        return out;
    }

    std::string name() {
        static const std::vector<std::string> shapes = {"cpu/all/usage",
                                                        "cpu/*/usage",
                                                        "*",
                                                        "*/*/*",
                                                        "",
                                                        "/",
                                                        "cpu//usage",
                                                        "cpu/",
                                                        "x*",
                                                        "load/1",
                                                        "memory/*/used",
                                                        "é/ü/ß",
                                                        "a/b/c/d/e/f/g/h",
                                                        "cpu/all/usage/"};
        if (pick(10) == 0) {
            return std::string(pick(2) == 0 ? 65'536 : 300, 'a' + static_cast<char>(pick(26)));
        }
        return shapes[pick(shapes.size())];
    }

    std::size_t pick(std::size_t n) {
        return std::uniform_int_distribution<std::size_t>(0, n - 1)(random_);
    }

private:
    template <typename T>
    T pick_of(std::initializer_list<T> values) {
        return *(values.begin() + pick(values.size()));
    }

    std::mt19937_64 random_;
};

class AHostileClient : public ::testing::Test {
protected:
    // Sends calls with random arguments; every reply must be an answer or a named error.
    void fire_random_calls(int calls) {
        const std::vector<std::string> methods = {"Start",       "Stop",       "GetValues",
                                                  "ListSensors", "GetHistory", "ListProcesses",
                                                  "NoSuchMethod"};
        for (int i = 0; i < calls; ++i) {
            auto call = client.proxy().createMethodCall(VitalsClient::INTERFACE_NAME,
                                                        methods[generate.pick(methods.size())]);
            const auto arguments = generate.pick(4);
            for (std::size_t a = 0; a < arguments; ++a) {
                generate.append_random(call);
            }
            try {
                client.proxy().callMethod(call, 10'000'000);
                ++answered;
            } catch (const sdbus::Error& e) {
                ++refused;
                ASSERT_TRUE(is_named_error(e.getName())) << e.getName() << ": " << e.getMessage();
                ASSERT_NE(e.getName(), "org.freedesktop.DBus.Error.NoReply") << "it fell over";
            }
        }
    }

    PrivateBus bus;
    VitalsClient client{bus};
    ArgumentGenerator generate{20261123};
    std::size_t answered = 0;
    std::size_t refused = 0;
};

TEST_F(AHostileClient, GetsANamedErrorOrAnAnswerForEveryRandomCall) {
    fire_random_calls(1000);

    std::cout << "random calls: 1000, answered: " << answered
              << ", refused with a named error: " << refused << "\n";
    EXPECT_GT(refused, 0u);
    EXPECT_GT(answered, 0u);
    EXPECT_EQ(std::get<1>(client.GetValues({"load/1", "memory/physical/total"})).size(), 2u);
}

TEST_F(AHostileClient, GetsNamedErrorsForTheExtremes) {
    EXPECT_EQ(error_of([&] { client.GetValues(std::vector<std::string>(100'000, "load/1")); }),
              "io.github.vitalsd.Error.LimitExceeded");
    EXPECT_EQ(error_of([&] { client.GetHistory(std::vector<std::string>(100'000, "x"), 0); }),
              "io.github.vitalsd.Error.LimitExceeded");
    EXPECT_EQ(error_of([&] { client.GetValues({std::string(1 << 20, 'x')}); }),
              "io.github.vitalsd.Error.UnknownSensor");
    EXPECT_EQ(error_of([&] { client.Start(0, {}); }), "io.github.vitalsd.Error.InvalidArgument");
    EXPECT_EQ(error_of([&] { client.Start(4'294'967'295u, {}); }),
              "io.github.vitalsd.Error.InvalidArgument");
    EXPECT_TRUE(std::get<0>(client.GetHistory({}, UINT64_MAX)).empty()) << "since in the future";
    for (int i = 0; i < 500; ++i) {  // a Start/Stop storm
        client.Start(100, {"load/1"});
        client.Stop();
    }
    EXPECT_EQ(client.Clients(), 0u);
    EXPECT_FALSE(client.Sampling());
}

TEST_F(AHostileClient, CannotMakeTheServiceGrow) {
    const pid_t service = [&] {
        client.Version();
        return bus.service_pid();
    }();
    fire_random_calls(600);  // every buffer and cache at its working size
    const auto rss_warm = resident_kib(service);
    const auto fds_warm = fds_beyond_processes(service, client);

    fire_random_calls(600);
    const auto rss_after = resident_kib(service);
    const auto fds_after = fds_beyond_processes(service, client);

    std::cout << "service RSS after warm-up " << rss_warm << " KiB, after 600 more hostile calls "
              << rss_after << " KiB; fds beyond processes " << fds_warm << " -> " << fds_after
              << "\n";
    EXPECT_EQ(bus.service_pid(), service) << "the same instance is still serving";
    EXPECT_LE(fds_after, fds_warm + 4);
    if (memory_is_measurable()) {
        EXPECT_LT(rss_after, rss_warm + 2 * 1024);
    }
}

}  // namespace
}  // namespace vitalsd::test
