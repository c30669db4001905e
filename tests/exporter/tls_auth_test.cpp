// SPDX-License-Identifier: MIT
// vitals-exporter with a web configuration: TLS and basic authentication, through curl.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <fstream>

#include "exporter_process.hpp"
#include "fixture_path.hpp"
#include "http_client.hpp"

namespace vitalsd::test {
namespace {

using namespace std::chrono_literals;

// "hunter2" at cost 4.
constexpr const char* kHunter2 = "$2y$04$saltsaltsaltsaltsaltsOxr97vqxrEH2ghlPjQHhmR1pUPaO31iG";

class AnExporterWithAWebConfiguration : public ::testing::Test {
protected:
    void SetUp() override {
        const auto made = run_command(
            "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 1 "
            "-subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 -keyout " +
            dir() + "/server.key -out " + dir() + "/server.crt 2>&1");
        ASSERT_EQ(made.first, 0) << made.second;
    }

    std::string dir() const { return bus.dir(); }

    // Runs curl against the exporter; returns the status code it got ("000": none).
    std::string curl(const std::string& scheme, std::uint16_t port, const std::string& options) {
        return run_command("curl -s -o /dev/null -w '%{http_code}' --max-time 5 --cacert " + dir() +
                           "/server.crt " + options + " " + scheme +
                           "://127.0.0.1:" + std::to_string(port) + "/metrics")
            .second;
    }

    void write_config(const std::string& text) { std::ofstream(dir() + "/web.yml") << text; }

    PrivateBus bus{{"--proc-root=" + fixture_path("basic/proc")}};
};

TEST_F(AnExporterWithAWebConfiguration, ServesOverTlsToTheRightUserAlone) {
    write_config(
        "tls_server_config:\n  cert_file: server.crt\n  key_file: server.key\n"
        "basic_auth_users:\n  alice: " +
        std::string(kHunter2) + "\n");
    ExporterProcess exporter(bus, {"--web-config", dir() + "/web.yml"});
    ASSERT_NE(exporter.port(), 0) << exporter.errors();

    EXPECT_EQ(curl("https", exporter.port(), "-u alice:hunter2"), "200");
    EXPECT_EQ(curl("https", exporter.port(), "-u alice:hunter3"), "401");
    EXPECT_EQ(curl("https", exporter.port(), "-u mallory:hunter2"), "401");
    EXPECT_EQ(curl("https", exporter.port(), ""), "401");
    const auto challenge =
        run_command("curl -s -i --max-time 5 --cacert " + dir() + "/server.crt https://127.0.0.1:" +
                    std::to_string(exporter.port()) + "/metrics");
    EXPECT_NE(challenge.second.find("WWW-Authenticate: Basic realm=\"vitals-exporter\""),
              std::string::npos)
        << challenge.second;
    EXPECT_NE(challenge.second.find("\r\n\r\nUnauthorized: a user and password are needed\n"),
              std::string::npos);

    // No plain HTTP on a TLS port.
    const auto plain = http_exchange(
        exporter.port(), "GET /metrics HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 5s);
    EXPECT_TRUE(!plain || plain->status != 200);
    EXPECT_EQ(curl("https", exporter.port(), "-u alice:hunter2"), "200") << "still serving";
}

TEST_F(AnExporterWithAWebConfiguration, AsksForAPasswordWithoutTlsToo) {
    write_config("basic_auth_users:\n  alice: " + std::string(kHunter2) + "\n");
    ExporterProcess exporter(bus, {"--web-config", dir() + "/web.yml"});

    EXPECT_EQ(http_request(exporter.port(), "GET", "/metrics").status, 401);
    EXPECT_EQ(http_request(exporter.port(), "GET", "/metrics",
                           "Authorization: Basic YWxpY2U6aHVudGVyMg==\r\n")
                  .status,
              200);
}

TEST_F(AnExporterWithAWebConfiguration, RefusesToStartOnAConfigurationItCannotCarryOut) {
    write_config(
        "tls_server_config:\n  cert_file: server.crt\n  key_file: server.key\n"
        "  client_auth_type: RequireAndVerifyClientCert\n");
    ExporterProcess exporter(bus, {"--web-config", dir() + "/web.yml"});
    EXPECT_EQ(exporter.wait(5s), 1);
    EXPECT_NE(exporter.errors().find("client_auth_type RequireAndVerifyClientCert is not "
                                     "supported"),
              std::string::npos)
        << exporter.errors();

    ExporterProcess missing(bus, {"--web-config", dir() + "/nothing.yml"});
    EXPECT_EQ(missing.wait(5s), 1);
    EXPECT_NE(missing.errors().find("cannot read the web configuration"), std::string::npos);
}

}  // namespace
}  // namespace vitalsd::test
