// SPDX-License-Identifier: MIT
// The web configuration file of Prometheus' exporters, bcrypt and basic authentication.
#include "web_config.hpp"

#include <gtest/gtest.h>

#include "temp_dir.hpp"

namespace vitalsd::exporter {
namespace {

// From the bcrypt test vectors of OpenBSD's and of other implementations: "U*U".
constexpr const char* kVectorHash = "$2a$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW";
// "hunter2" at cost 4, as htpasswd -B writes it ($2y$).
constexpr const char* kHunter2 = "$2y$04$saltsaltsaltsaltsaltsOxr97vqxrEH2ghlPjQHhmR1pUPaO31iG";

TEST(Bcrypt, MatchesTheRightPasswordOnly) {
    EXPECT_TRUE(password_matches("U*U", kVectorHash));
    EXPECT_FALSE(password_matches("U*V", kVectorHash));
    EXPECT_TRUE(password_matches("hunter2", kHunter2));
    EXPECT_FALSE(password_matches("hunter3", kHunter2));
    EXPECT_FALSE(password_matches("", kHunter2));
    EXPECT_FALSE(password_matches("hunter2", "$2y$04$short"));
    EXPECT_FALSE(password_matches("hunter2", "plain"));
}

TEST(WebConfig, IsEmptyForAnEmptyFile) {
    const auto config = parse_web_config("", "");
    EXPECT_FALSE(config.tls.has_value());
    EXPECT_TRUE(config.users.empty());
}

TEST(WebConfig, ReadsTheUsersAndTheTlsFilesBesideIt) {
    test::TempDir dir;
    dir.write("server.crt", "CERT");
    dir.write("keys/server.key", "KEY");
    const auto config = parse_web_config(
        "# as exporter-toolkit documents it\n"
        "tls_server_config:\n"
        "  cert_file: server.crt\n"
        "  key_file: " +
            dir.path() +
            "/keys/server.key\n"
            "  client_auth_type: NoClientCert\n"
            "  min_version: TLS13\n"
            "http_server_config:\n"
            "  http2: true\n"
            "basic_auth_users:\n"
            "  alice: " +
            std::string(kHunter2) +
            "\n"
            "  'bob': '" +
            std::string(kVectorHash) + "'\n",
        dir.path());
    ASSERT_TRUE(config.tls.has_value());
    EXPECT_EQ(config.tls->certificate_pem, "CERT");
    EXPECT_EQ(config.tls->key_pem, "KEY");
    EXPECT_EQ(config.tls->priorities, "NORMAL:-VERS-ALL:+VERS-TLS1.3");
    EXPECT_EQ(config.users.size(), 2u);
    EXPECT_EQ(config.users.at("bob"), kVectorHash);
}

TEST(WebConfig, RefusesWhatItWouldNotCarryOut) {
    test::TempDir dir;
    dir.write("c", "C");
    dir.write("k", "K");
    for (const std::string yaml : {
             "tls_server_config:\n  cert_file: c\n",
             "tls_server_config:\n  cert_file: c\n  key_file: missing\n",
             "tls_server_config:\n  cert_file: c\n  key_file: k\n  client_ca_file: ca\n",
             "tls_server_config:\n  cert_file: c\n  key_file: k\n"
             "  client_auth_type: RequireAndVerifyClientCert\n",
             "tls_server_config:\n  cert_file: c\n  key_file: k\n  min_version: SSL3\n",
             "tls_server_config:\n  cert_file: c\n  key_file: k\n  min_version: TLS13\n"
             "  max_version: TLS12\n",
             "http_server_config:\n  headers:\n    X-Frame-Options: deny\n",
             "basic_auth_users:\n  alice: hunter2\n",
             "basic_auth_users: [alice]\n",
             "basic_users:\n  alice: x\n",
             "[unclosed",
             "just text",
         }) {
        EXPECT_THROW(parse_web_config(yaml, dir.path()), WebConfigError) << yaml;
    }
    EXPECT_THROW(read_web_config(dir.path() + "/nothing.yml"), WebConfigError);
}

std::string basic(const std::string& base64) {
    return "Basic " + base64;
}

TEST(BasicAuthentication, LetsTheRightUserAndPasswordPass) {
    BasicAuth auth(std::map<std::string, std::string>{{"alice", kHunter2}});
    EXPECT_TRUE(auth.allows(basic("YWxpY2U6aHVudGVyMg==")));   // alice:hunter2
    EXPECT_TRUE(auth.allows(basic("YWxpY2U6aHVudGVyMg==")));   // remembered
    EXPECT_FALSE(auth.allows(basic("YWxpY2U6aHVudGVyMw==")));  // alice:hunter3
    EXPECT_FALSE(auth.allows(basic("Ym9iOmh1bnRlcjI=")));      // bob:hunter2
    EXPECT_FALSE(auth.allows(basic("YWxpY2U=")));              // alice, no colon
    EXPECT_FALSE(auth.allows(basic("!!!!")));
    EXPECT_FALSE(auth.allows(basic("YWxpY2U6aHVudGVyMg")));  // unpadded
    EXPECT_FALSE(auth.allows("Bearer YWxpY2U6aHVudGVyMg=="));
    EXPECT_FALSE(auth.allows(""));

    BasicAuth nobody(std::map<std::string, std::string>{});
    EXPECT_TRUE(nobody.allows("")) << "without users, no authentication";
}

}  // namespace
}  // namespace vitalsd::exporter
