// SPDX-License-Identifier: MIT
// vitals-exporter under bad input: oversized requests, a client that sends a byte a second, a
// thousand idle connections, a flood of scrapes. Each gets its status or a closed connection,
// a well-behaved scraper (from another address) is served meanwhile, and vitalsd sees no more
// calls than the scrapes need.
#include <gtest/gtest.h>
#include <poll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <thread>

#include "exporter_process.hpp"
#include "fixture_path.hpp"
#include "http_client.hpp"

namespace vitalsd::test {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

constexpr const char* kAttacker = "127.0.0.2";

class AnExporterUnderBadInput : public ::testing::Test {
protected:
    PrivateBus bus{{"--proc-root=" + fixture_path("basic/proc")}};
    ExporterProcess exporter{bus};

    // Scrapes as Prometheus would; returns how long the answer took, failing the test unless
    // it is a 200.
    Clock::duration timed_scrape() {
        const auto start = Clock::now();
        EXPECT_EQ(http_request(exporter.port(), "GET", "/metrics").status, 200);
        return Clock::now() - start;
    }
};

// Returns whether the server closed the socket (or reset it) within the timeout.
bool closed_within(int fd, std::chrono::milliseconds timeout) {
    const auto deadline = Clock::now() + timeout;
    while (Clock::now() < deadline) {
        pollfd p{fd, POLLIN, 0};
        const auto left =
            std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
        if (::poll(&p, 1, static_cast<int>(std::max<long long>(left.count(), 0))) <= 0) {
            return false;
        }
        char buffer[4096];
        const auto n = ::recv(fd, buffer, sizeof buffer, MSG_DONTWAIT);
        if (n <= 0) {
            return n == 0 || errno != EAGAIN;
        }
    }
    return false;
}

TEST_F(AnExporterUnderBadInput, AnswersAnOversizedRequestLineOrHeader) {
    const std::string big(20000, 'a');
    const auto line =
        http_exchange(exporter.port(), "GET /metrics?" + big + " HTTP/1.1\r\nHost: x\r\n\r\n", 5s);
    ASSERT_TRUE(line.has_value());
    EXPECT_EQ(line->status, 414);

    const auto header = http_exchange(
        exporter.port(), "GET /metrics HTTP/1.1\r\nHost: x\r\nX-Big: " + big + "\r\n\r\n", 5s);
    ASSERT_TRUE(header.has_value());
    EXPECT_EQ(header->status, 431);

    timed_scrape();
}

TEST_F(AnExporterUnderBadInput, CutsOffAClientThatSendsAByteASecondAndServesAScraperMeanwhile) {
    const int slow = connect_to(exporter.port(), kAttacker);
    ASSERT_GE(slow, 0);
    const auto start = Clock::now();
    ::send(slow, "GET /metrics HTTP/1.1\r\n", 23, MSG_NOSIGNAL);
    bool closed = false;
    while (!closed && Clock::now() - start < 15s) {
        ::send(slow, "X", 1, MSG_NOSIGNAL);  // never idle for the server's 10 s
        EXPECT_LT(timed_scrape(), 1s);
        closed = closed_within(slow, 1s);
    }
    const auto lasted = Clock::now() - start;
    EXPECT_TRUE(closed) << "still open after 15 s";
    EXPECT_GE(lasted, 9s);
    EXPECT_LE(lasted, 13s);
    ::close(slow);
}

TEST_F(AnExporterUnderBadInput, ServesAScraperBesideAThousandIdleConnections) {
    rlimit files{};
    ::getrlimit(RLIMIT_NOFILE, &files);
    files.rlim_cur = std::max<rlim_t>(files.rlim_cur, std::min<rlim_t>(files.rlim_max, 2048));
    ::setrlimit(RLIMIT_NOFILE, &files);
    if (files.rlim_cur < 1100) {
        GTEST_SKIP() << "a thousand connections need more descriptors than the hard limit of "
                     << files.rlim_max;
    }

    std::vector<int> idle;
    for (int i = 0; i < 1000; ++i) {
        const int fd = connect_to(exporter.port(), kAttacker);
        ASSERT_GE(fd, 0) << i;
        idle.push_back(fd);
    }
    EXPECT_LT(timed_scrape(), 1s);

    // One address may hold a quarter of the 64 connections; the others were closed at once.
    int closed = 0;
    for (const int fd : idle) {
        closed += closed_within(fd, 10ms) ? 1 : 0;
    }
    EXPECT_GE(closed, 1000 - 16);
    for (const int fd : idle) {
        ::close(fd);
    }
    EXPECT_LT(timed_scrape(), 1s);
}

// Returns the value of a sample line "name value" in an exposition, -1 without one.
double sample_of(const std::string& body, const std::string& name) {
    const auto at = body.find("\n" + name + " ");
    return at == std::string::npos ? -1 : std::stod(body.substr(at + name.size() + 2));
}

TEST_F(AnExporterUnderBadInput, ReadsTheServiceOnceEachHalfSecondHoweverManyScrapesCome) {
    const auto start = Clock::now();
    std::string body;
    for (int scrape = 0; scrape < 200; ++scrape) {
        const auto reply = http_request(exporter.port(), "GET", "/metrics");
        ASSERT_EQ(reply.status, 200);
        body = reply.body;
    }
    const double seconds = std::chrono::duration<double>(Clock::now() - start).count();

    EXPECT_EQ(sample_of(body, "vitals_exporter_scrapes_total"), 200);
    const double reads = sample_of(body, "vitals_exporter_reads_total");
    EXPECT_GE(reads, 1);
    EXPECT_LE(reads, seconds / 0.5 + 1) << "over " << seconds << " s";
    EXPECT_LT(reads, 200);
}

}  // namespace
}  // namespace vitalsd::test
