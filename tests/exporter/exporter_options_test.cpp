// SPDX-License-Identifier: MIT
#include "exporter_options.hpp"

#include <gtest/gtest.h>

#include "routes.hpp"

namespace vitalsd::exporter {
namespace {

TEST(ExporterOptions, ReadTheSystemBusOnTheLoopbackByDefault) {
    const auto options = parse_exporter_options({});
    EXPECT_EQ(options.bus, BusChoice::System);
    EXPECT_FALSE(options.listen.has_value()) << "systemd's socket, or the default address";
    EXPECT_EQ(ListenAddress{}.host, "127.0.0.1");
    EXPECT_EQ(ListenAddress{}.port, 10129);
    EXPECT_EQ(options.max_applications, 0u);
}

TEST(ExporterOptions, TakeEachOption) {
    const auto options = parse_exporter_options(
        {"--session", "--listen", "[::1]:9999", "--idle-timeout", "30", "--applications", "20"});
    EXPECT_EQ(options.bus, BusChoice::User);
    ASSERT_TRUE(options.listen.has_value());
    EXPECT_EQ(options.listen->host, "::1");
    EXPECT_TRUE(options.listen->ipv6);
    EXPECT_EQ(options.listen->port, 9999);
    EXPECT_EQ(options.idle_timeout_s, 30u);
    EXPECT_EQ(options.max_applications, 20u);
}

TEST(ListenAddresses, AreNumericAddressesAndPorts) {
    EXPECT_EQ(parse_listen_address("0.0.0.0:10129").host, "0.0.0.0");
    EXPECT_EQ(parse_listen_address("127.0.0.1:0").port, 0);
    for (const char* bad : {"", ":80", "127.0.0.1", "127.0.0.1:", "127.0.0.1:65536", "127.0.0.1:-1",
                            "localhost:80", "::1:80", "[::1]", "[nope]:80", "127.0.0.1:80x"}) {
        EXPECT_THROW(parse_listen_address(bad), UsageError) << bad;
    }
}

TEST(ExporterOptions, RefuseWhatCannotBeCarriedOut) {
    EXPECT_THROW(parse_exporter_options({"--listen"}), UsageError);
    EXPECT_THROW(parse_exporter_options({"--nope"}), UsageError);
    EXPECT_THROW(parse_exporter_options({"--applications", "1001"}), UsageError);
    EXPECT_THROW(parse_exporter_options({"--max-connections", "0"}), UsageError);
    EXPECT_THROW(parse_exporter_options({"stray"}), UsageError);
}

TEST(Routes, ServeAScrapeAtMetricsAloneInTheFormatAsked) {
    std::vector<ExpositionFormat> asked;
    const ScrapeFunction scrape =
        [&](ExpositionFormat format) -> std::variant<std::string, Unreachable> {
        asked.push_back(format);
        return std::string("node_load1 1\n");
    };
    const auto text = route({"GET", "/metrics", "", ""}, scrape);
    EXPECT_EQ(text.status, 200u);
    EXPECT_EQ(text.content_type, "text/plain; version=0.0.4; charset=utf-8");
    EXPECT_EQ(text.body, "node_load1 1\n");
    route({"HEAD", "/metrics", "application/openmetrics-text", ""}, scrape);
    EXPECT_EQ(asked, (std::vector{ExpositionFormat::Prometheus, ExpositionFormat::OpenMetrics}));

    EXPECT_EQ(route({"GET", "/", "", ""}, scrape).status, 404u);
    EXPECT_EQ(route({"GET", "/metricsx", "", ""}, scrape).status, 404u);
    const auto post = route({"POST", "/metrics", "", ""}, scrape);
    EXPECT_EQ(post.status, 405u);
    EXPECT_EQ(post.headers,
              (std::vector<std::pair<std::string, std::string>>{{"Allow", "GET, HEAD"}}));
    EXPECT_EQ(asked.size(), 2u) << "nothing else scraped";
}

TEST(Routes, Answer503WithTheReasonOnOneLine) {
    const auto reply = route({"GET", "/metrics", "", ""}, [](ExpositionFormat) {
        return std::variant<std::string, Unreachable>(Unreachable{"no bus\nat all"});
    });
    EXPECT_EQ(reply.status, 503u);
    EXPECT_EQ(reply.body, "Service unavailable: no bus at all\n");
}

}  // namespace
}  // namespace vitalsd::exporter
