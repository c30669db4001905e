// SPDX-License-Identifier: MIT
// vitals-exporter against a private bus: the scrape, the status codes, systemd's socket, the
// exit when nobody scrapes, and a service that cannot be reached.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <thread>

#include "exporter_process.hpp"
#include "fixture_path.hpp"
#include "http_client.hpp"

namespace vitalsd::test {
namespace {

using namespace std::chrono_literals;

constexpr const char* kOpenMetrics =
    "Accept: application/openmetrics-text;version=1.0.0,"
    "text/plain;version=0.0.4;q=0.5,*/*;q=0.1\r\n";

std::vector<std::string> basic_fixture() {
    return {"--proc-root=" + fixture_path("basic/proc")};
}

TEST(TheExporter, ServesTheMetricsInThePrometheusTextFormat) {
    PrivateBus bus(basic_fixture());
    ExporterProcess exporter(bus);
    ASSERT_NE(exporter.port(), 0) << exporter.errors();

    const auto reply = http_request(exporter.port(), "GET", "/metrics");

    EXPECT_EQ(reply.status, 200);
    EXPECT_EQ(reply.headers.at("content-type"), "text/plain; version=0.0.4; charset=utf-8");
    // tests/fixtures/basic: load 0.49, MemTotal 24684084 kB.
    EXPECT_NE(reply.body.find("# TYPE node_load1 gauge\nnode_load1 0.49\n"), std::string::npos)
        << reply.body;
    EXPECT_NE(reply.body.find("\nnode_memory_MemTotal_bytes 25276502016\n"), std::string::npos);
    EXPECT_NE(reply.body.find("# TYPE node_cpu_seconds_total counter\n"), std::string::npos);
    EXPECT_EQ(reply.body.find("# EOF"), std::string::npos);
}

TEST(TheExporter, ServesOpenMetricsToAScraperThatAsksForIt) {
    PrivateBus bus(basic_fixture());
    ExporterProcess exporter(bus);

    const auto reply = http_request(exporter.port(), "GET", "/metrics", kOpenMetrics);

    EXPECT_EQ(reply.status, 200);
    EXPECT_EQ(reply.headers.at("content-type"),
              "application/openmetrics-text; version=1.0.0; charset=utf-8");
    EXPECT_NE(reply.body.find("# TYPE node_cpu_seconds counter\n# UNIT node_cpu_seconds seconds\n"),
              std::string::npos);
    EXPECT_TRUE(reply.body.ends_with("\n# EOF\n"));
}

TEST(TheExporter, AnswersOtherPathsAndMethodsWithTheirStatusAndOneLine) {
    PrivateBus bus(basic_fixture());
    ExporterProcess exporter(bus);

    const auto root = http_request(exporter.port(), "GET", "/");
    EXPECT_EQ(root.status, 404);
    EXPECT_EQ(root.body, "Not found: the metrics are at /metrics\n");
    EXPECT_EQ(http_request(exporter.port(), "GET", "/metrics/../etc/passwd").status, 404);

    const auto post = http_request(exporter.port(), "POST", "/metrics",
                                   "Content-Length: 5\r\n");  // a body never sent
    EXPECT_EQ(post.status, 405);
    EXPECT_EQ(post.headers.at("allow"), "GET, HEAD");
    EXPECT_EQ(post.body, "Method not allowed: use GET\n");
    EXPECT_EQ(http_request(exporter.port(), "DELETE", "/metrics").status, 405);

    const auto head = http_request(exporter.port(), "HEAD", "/metrics");
    EXPECT_EQ(head.status, 200);
    EXPECT_EQ(head.body, "");
    EXPECT_GT(std::stoul(head.headers.at("content-length")), 1000u);

    const auto garbage =
        http_exchange(exporter.port(), "\x01\x02 nonsense\r\n\r\n", std::chrono::seconds(5));
    ASSERT_TRUE(garbage.has_value());
    EXPECT_EQ(garbage->status, 400);
}

TEST(TheExporter, Answers503WithTheReasonWhenTheServiceCannotBeReached) {
    // A service that cannot start: the bus's activation of it fails.
    PrivateBus bus({"--no-such-option"});
    ExporterProcess exporter(bus);

    for (int scrape = 0; scrape < 2; ++scrape) {
        const auto reply = http_request(exporter.port(), "GET", "/metrics");
        EXPECT_EQ(reply.status, 503);
        EXPECT_TRUE(
            reply.body.starts_with("Service unavailable: vitalsd cannot be read on the "
                                   "session bus: "))
            << reply.body;
        EXPECT_EQ(std::count(reply.body.begin(), reply.body.end(), '\n'), 1) << reply.body;
        EXPECT_TRUE(reply.body.ends_with("\n"));
    }
}

TEST(TheExporter, ScrapesAgainAfterTheServiceOrTheBusWentAway) {
    PrivateBus bus(basic_fixture());
    ExporterProcess exporter(bus);
    ASSERT_EQ(http_request(exporter.port(), "GET", "/metrics").status, 200);

    // The service dies: the next scrape has the bus start it again.
    ::kill(bus.service_pid(), SIGKILL);
    ASSERT_TRUE(bus.wait_until_service_gone(5s));
    std::this_thread::sleep_for(600ms);  // past the window in which scrapes share a read
    EXPECT_EQ(http_request(exporter.port(), "GET", "/metrics").status, 200);

    // The bus itself goes: 503, and the exporter still answers.
    bus.kill_bus();
    std::this_thread::sleep_for(600ms);  // past the window in which scrapes share a read
    const auto reply = http_request(exporter.port(), "GET", "/metrics");
    EXPECT_EQ(reply.status, 503);
    EXPECT_EQ(http_request(exporter.port(), "GET", "/metrics").status, 503);
}

TEST(TheExporter, TakesItsListeningSocketFromSystemd) {
    PrivateBus bus(basic_fixture());
    std::uint16_t port = 0;
    const int fd = listening_socket(port);
    ExporterProcess exporter(ExporterProcess::Activated{}, bus, fd);
    ::close(fd);

    ASSERT_EQ(exporter.port(), port) << exporter.errors();
    EXPECT_EQ(http_request(port, "GET", "/metrics").status, 200);

    exporter.child().kill(SIGTERM);
    EXPECT_EQ(exporter.wait(5s), 0);
}

TEST(TheExporter, RefusesASocketFromSystemdAndListenAtOnce) {
    PrivateBus bus(basic_fixture());
    std::uint16_t port = 0;
    const int fd = listening_socket(port);
    ExporterProcess exporter(ExporterProcess::Activated{}, bus, fd, {"--listen", "127.0.0.1:0"});
    ::close(fd);

    EXPECT_EQ(exporter.wait(5s), 1);
    EXPECT_NE(exporter.errors().find("--listen and a socket from systemd"), std::string::npos)
        << exporter.errors();
}

TEST(TheExporter, ExitsWhenNobodyScrapedForTheIdleTimeout) {
    PrivateBus bus(basic_fixture());
    std::uint16_t port = 0;
    const int fd = listening_socket(port);
    ExporterProcess exporter(ExporterProcess::Activated{}, bus, fd, {"--idle-timeout", "1"});

    // Scraped every 400 ms for 2 s: it stays.
    for (int scrape = 0; scrape < 5; ++scrape) {
        ASSERT_EQ(http_request(port, "GET", "/metrics").status, 200);
        std::this_thread::sleep_for(400ms);
    }
    ASSERT_EQ(exporter.wait(0ms), std::nullopt) << "it exited while scraped";

    // Then nobody: it exits, and the socket it leaves behind still takes connections, for the
    // next instance that systemd would start.
    EXPECT_EQ(exporter.wait(3s), 0) << exporter.errors();
    const int waiting = connect_to(port);
    EXPECT_GE(waiting, 0);
    ::close(waiting);
    ::close(fd);
}

TEST(TheExporter, ListensOnTheLoopbackAloneByDefault) {
    PrivateBus bus(basic_fixture());
    ExporterProcess exporter(bus, {"--listen", "127.0.0.1:0", "--idle-timeout", "0"});
    EXPECT_NE(exporter.errors().find("serving /metrics on 127.0.0.1:"), std::string::npos);

    const auto help = run_command(exporter_binary() + " --help");
    EXPECT_EQ(help.first, 0);
    EXPECT_NE(help.second.find("listens on 127.0.0.1:10129"), std::string::npos);
}

TEST(TheExporter, RejectsABadCommandLine) {
    for (const std::string args : {"--listen nowhere", "--listen localhost:80",
                                   "--listen 127.0.0.1:99999", "--idle-timeout -1", "extra"}) {
        const auto result = run_command(exporter_binary() + " " + args + " 2>&1");
        EXPECT_EQ(WEXITSTATUS(result.first), 2) << args;
        EXPECT_NE(result.second.find("Try 'vitals-exporter --help'."), std::string::npos)
            << result.second;
    }
}

}  // namespace
}  // namespace vitalsd::test
