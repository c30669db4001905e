// SPDX-License-Identifier: MIT
// The real thing: Prometheus (Debian's prometheus) scrapes vitals-exporter every second on the
// loopback, and what its queries answer agrees with /proc and statvfs; promtool lints both
// formats.
#include <gtest/gtest.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <cmath>
#include <fstream>
#include <regex>
#include <sstream>
#include <thread>

#include "exporter_process.hpp"
#include "http_client.hpp"
#include "json_reader.hpp"
#include "temp_dir.hpp"

namespace vitalsd::test {
namespace {

using namespace std::chrono_literals;

// How long Prometheus may take to start and scrape enough for a rate.
constexpr auto kPatience = 30s;

std::string find_program(const std::string& name) {
    const auto [status, out] = run_command("command -v " + name);
    return status == 0 ? out.substr(0, out.find('\n')) : "";
}

std::string url_encoded(const std::string& text) {
    std::string out;
    for (const unsigned char c : text) {
        if (std::isalnum(c) != 0 || c == '_' || c == '-' || c == '.') {
            out += static_cast<char>(c);
        } else {
            char hex[4];
            std::snprintf(hex, sizeof hex, "%%%02X", c);
            out += hex;
        }
    }
    return out;
}

// A Prometheus of the test's own: a loopback port, a data directory in the bus's directory, a
// 1 s scrape of the exporter.
class APrometheus : public ::testing::Test {
protected:
    void SetUp() override {
        binary_ = find_program("prometheus");
        if (binary_.empty()) {
            GTEST_SKIP() << "no prometheus to run: apt-get install prometheus";
        }
        exporter_.emplace(bus_, std::vector<std::string>{"--idle-timeout", "0"});
        ASSERT_NE(exporter_->port(), 0) << exporter_->errors();
        const int fd = listening_socket(port_);  // a free port, given back for Prometheus
        ::close(fd);
        const auto config = bus_.dir() + "/prometheus.yml";
        std::ofstream(config) << "global:\n  scrape_interval: 1s\n  scrape_timeout: 1s\n"
                                 "scrape_configs:\n  - job_name: vitals\n    static_configs:\n"
                                 "      - targets: ['127.0.0.1:"
                              << exporter_->port() << "']\n";
        ChildOptions options;
        options.out = ChildOptions::Stream::File;
        options.err = ChildOptions::Stream::File;
        options.file = bus_.dir() + "/prometheus.log";
        options.die_with_parent = true;
        prometheus_.emplace(
            std::vector<std::string>{
                binary_, "--config.file=" + config, "--storage.tsdb.path=" + bus_.dir() + "/data",
                "--web.listen-address=127.0.0.1:" + std::to_string(port_), "--log.level=warn"},
            options);
    }

    // Returns the result vector of an instant query, waiting until it is not empty.
    std::vector<Json> query(const std::string& promql) {
        const auto deadline = std::chrono::steady_clock::now() + kPatience;
        while (std::chrono::steady_clock::now() < deadline) {
            const auto reply =
                http_exchange(port_,
                              "GET /api/v1/query?query=" + url_encoded(promql) +
                                  " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n",
                              5s);
            if (reply && reply->status == 200) {
                const auto json = parse_json(reply->body);
                if (!json["data"]["result"].elements.empty()) {
                    return json["data"]["result"].elements;
                }
            } else if (prometheus_->wait(0ms)) {
                ran_ = false;
                return {};
            }
            std::this_thread::sleep_for(250ms);
        }
        return {};
    }

    static double value_of(const Json& sample) {
        return std::stod(sample["value"].elements.at(1).text);
    }

    std::string log() const {
        std::ifstream file(bus_.dir() + "/prometheus.log");
        return std::string(std::istreambuf_iterator<char>(file), {});
    }

    PrivateBus bus_;  // vitalsd on the machine's own /proc and /sys
    std::optional<ExporterProcess> exporter_;
    std::optional<Child> prometheus_;
    std::string binary_;
    std::uint16_t port_ = 0;
    bool ran_ = true;
};

double meminfo_bytes(const std::string& key) {
    std::ifstream file("/proc/meminfo");
    for (std::string line; std::getline(file, line);) {
        if (line.starts_with(key + ":")) {
            return std::stod(line.substr(key.size() + 1)) * 1024;
        }
    }
    return NAN;
}

TEST_F(APrometheus, ScrapesTheExporterAndItsQueriesAgreeWithTheKernel) {
    const auto up = query("up{job=\"vitals\"} == 1");
    if (!ran_) {
        GTEST_SKIP() << "prometheus cannot run here: " << log();
    }
    ASSERT_EQ(up.size(), 1u) << "the target never came up: " << log();

    // Each CPU spends one second a second in some mode: the rates of its counters add up to 1,
    // once the series fill the rate's window (before, Prometheus extrapolates only part of it).
    ASSERT_EQ(query("count_over_time(node_load1[5s]) >= 5").size(), 1u) << log();
    const auto cpus = query("sum by (cpu) (rate(node_cpu_seconds_total[5s]))");
    ASSERT_EQ(static_cast<long>(cpus.size()), ::sysconf(_SC_NPROCESSORS_ONLN)) << log();
    for (const auto& cpu : cpus) {
        EXPECT_NEAR(value_of(cpu), 1.0, 0.15) << cpu["metric"]["cpu"].text;
    }
    EXPECT_EQ(query("count(rate(node_cpu_seconds_total{cpu=\"0\"}[5s]))").size(), 1u);

    double load = 0;
    std::ifstream("/proc/loadavg") >> load;
    const auto load1 = query("node_load1");
    ASSERT_EQ(load1.size(), 1u);
    EXPECT_NEAR(value_of(load1[0]), load, 1.0 + load / 2);

    const auto available = query("node_memory_MemAvailable_bytes");
    ASSERT_EQ(available.size(), 1u);
    const double kernel_available = meminfo_bytes("MemAvailable");
    EXPECT_NEAR(value_of(available[0]), kernel_available, kernel_available * 0.1);

    struct statvfs root {};
    ASSERT_EQ(::statvfs("/", &root), 0);
    const auto size = query("node_filesystem_size_bytes{mountpoint=\"/\"}");
    ASSERT_EQ(size.size(), 1u) << "the root file system";
    EXPECT_EQ(value_of(size[0]), static_cast<double>(root.f_blocks) * root.f_frsize);
    EXPECT_FALSE(size[0]["metric"]["fstype"].text.empty());
    EXPECT_FALSE(size[0]["metric"]["device"].text.empty());
    const auto avail = query("node_filesystem_avail_bytes{mountpoint=\"/\"}");
    ASSERT_EQ(avail.size(), 1u);
    const double kernel_avail = static_cast<double>(root.f_bavail) * root.f_frsize;
    EXPECT_NEAR(value_of(avail[0]), kernel_avail, 0.05 * kernel_avail + 1e8);
}

// What promtool says of one exposition: its exit status and its complaints.
std::pair<int, std::vector<std::string>> lint(const std::string& exposition, TempDir& dir) {
    dir.write("metrics.txt", exposition);
    const auto [status, out] =
        run_command("promtool check metrics < " + dir.path() + "/metrics.txt 2>&1");
    std::vector<std::string> lines;
    std::istringstream in(out);
    for (std::string line; std::getline(in, line);) {
        lines.push_back(line);
    }
    return {WEXITSTATUS(status), lines};
}

TEST(Promtool, FindsNothingWrongInEitherFormatButWhatNodeExporterSharesOrTheTextParserCausesIn) {
    if (find_program("promtool").empty()) {
        GTEST_SKIP() << "no promtool to run: apt-get install prometheus";
    }
    PrivateBus bus;
    ExporterProcess exporter(bus);
    TempDir dir;

    // node_exporter's own meminfo names (node_memory_MemAvailable_bytes) are what dashboards
    // know, though not snake_case; promtool says so of node_exporter too.
    const std::regex node_exporters_names(
        "node_memory_[A-Za-z]+_bytes metric names should be written in 'snake_case' not "
        "'camelCase'");
    const auto text = http_request(exporter.port(), "GET", "/metrics").body;
    const auto [text_status, text_lines] = lint(text, dir);
    EXPECT_TRUE(text_status == 0 || text_status == 3) << text_status;
    for (const auto& line : text_lines) {
        EXPECT_TRUE(std::regex_match(line, node_exporters_names)) << line;
    }

    // promtool reads OpenMetrics with the text format's parser, which takes a counter's
    // node_cpu_seconds_total samples for a family apart from its "# HELP node_cpu_seconds":
    // "no help text" of counters, and nothing else, is that parser's doing.
    const std::regex counter_without_help("[a-z_]+_total no help text");
    const auto open_metrics =
        http_request(exporter.port(), "GET", "/metrics", "Accept: application/openmetrics-text\r\n")
            .body;
    ASSERT_TRUE(open_metrics.ends_with("# EOF\n"));
    const auto [om_status, om_lines] = lint(open_metrics, dir);
    EXPECT_TRUE(om_status == 0 || om_status == 3) << om_status;
    for (const auto& line : om_lines) {
        EXPECT_TRUE(std::regex_match(line, node_exporters_names) ||
                    std::regex_match(line, counter_without_help))
            << line;
    }

    // And it does find what is wrong: the lint can fail.
    const auto [bad_status, bad_lines] = lint("# TYPE x counter\nx{a=\"1\"} one\n", dir);
    EXPECT_EQ(bad_status, 1) << "a value that is no number";
}

}  // namespace
}  // namespace vitalsd::test
