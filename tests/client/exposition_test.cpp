// SPDX-License-Identifier: MIT
// The two exposition formats, byte for byte, and the choice between them.
#include "exposition.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace vitalsd {
namespace {

std::vector<MetricFamily> sample_families() {
    return {
        {"node_load1", MetricType::Gauge, "", "1m load average.", {{{}, 0.49}}},
        {"node_cpu_seconds",
         MetricType::Counter,
         "seconds",
         "Seconds the CPUs spent in each mode.",
         {{{{"cpu", "0"}, {"mode", "idle"}}, 1234.5}, {{{"cpu", "0"}, {"mode", "user"}}, 12}}},
        {"node_memory_MemTotal_bytes", MetricType::Gauge, "bytes", "Total.", {}},
    };
}

TEST(TheExposition, InThePrometheusFormatNamesCountersWithTotalAndHasNoUnitNorEof) {
    EXPECT_EQ(expose(sample_families(), ExpositionFormat::Prometheus),
              "# HELP node_load1 1m load average.\n"
              "# TYPE node_load1 gauge\n"
              "node_load1 0.49\n"
              "# HELP node_cpu_seconds_total Seconds the CPUs spent in each mode.\n"
              "# TYPE node_cpu_seconds_total counter\n"
              "node_cpu_seconds_total{cpu=\"0\",mode=\"idle\"} 1234.5\n"
              "node_cpu_seconds_total{cpu=\"0\",mode=\"user\"} 12\n");
}

TEST(TheExposition, InOpenMetricsDescribesTheFamilyWithItsUnitAndEndsWithEof) {
    EXPECT_EQ(expose(sample_families(), ExpositionFormat::OpenMetrics),
              "# HELP node_load1 1m load average.\n"
              "# TYPE node_load1 gauge\n"
              "node_load1 0.49\n"
              "# HELP node_cpu_seconds Seconds the CPUs spent in each mode.\n"
              "# TYPE node_cpu_seconds counter\n"
              "# UNIT node_cpu_seconds seconds\n"
              "node_cpu_seconds_total{cpu=\"0\",mode=\"idle\"} 1234.5\n"
              "node_cpu_seconds_total{cpu=\"0\",mode=\"user\"} 12\n"
              "# EOF\n");
    EXPECT_EQ(expose({}, ExpositionFormat::OpenMetrics), "# EOF\n");
    EXPECT_EQ(expose({}, ExpositionFormat::Prometheus), "");
}

TEST(TheExposition, EscapesLabelValuesAndHelpAsEachFormatSays) {
    const std::vector<MetricFamily> families = {{"vitals_odd",
                                                 MetricType::Gauge,
                                                 "",
                                                 "A \"quoted\" help\\with\nlines.",
                                                 {{{{"device", "a\"b\\c\nd"}}, 1}}}};
    EXPECT_EQ(expose(families, ExpositionFormat::Prometheus),
              "# HELP vitals_odd A \"quoted\" help\\\\with\\nlines.\n"
              "# TYPE vitals_odd gauge\n"
              "vitals_odd{device=\"a\\\"b\\\\c\\nd\"} 1\n");
    EXPECT_EQ(expose(families, ExpositionFormat::OpenMetrics),
              "# HELP vitals_odd A \\\"quoted\\\" help\\\\with\\nlines.\n"
              "# TYPE vitals_odd gauge\n"
              "vitals_odd{device=\"a\\\"b\\\\c\\nd\"} 1\n"
              "# EOF\n");
}

TEST(TheExposition, WritesValuesAsPrometheusReadsThem) {
    const auto one = [](double value) {
        return expose({{"v", MetricType::Gauge, "", "h", {{{}, value}}}},
                      ExpositionFormat::Prometheus)
            .substr(std::string("# HELP v h\n# TYPE v gauge\nv ").size());
    };
    EXPECT_EQ(one(0), "0\n");
    EXPECT_EQ(one(-2.5), "-2.5\n");
    EXPECT_EQ(one(25276502016), "25276502016\n");
    EXPECT_EQ(one(0.1), "0.1\n");
    EXPECT_EQ(one(1e300), "1e+300\n");
    EXPECT_EQ(one(std::nan("")), "NaN\n");
    EXPECT_EQ(one(std::numeric_limits<double>::infinity()), "+Inf\n");
    EXPECT_EQ(one(-std::numeric_limits<double>::infinity()), "-Inf\n");
}

TEST(TheFormatNegotiation, GivesOpenMetricsToAPrometheusThatAsksForIt) {
    // What Prometheus 2.42 sends.
    EXPECT_EQ(negotiate_format("application/openmetrics-text;version=1.0.0,application/"
                               "openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;"
                               "q=0.5,*/*;q=0.1"),
              ExpositionFormat::OpenMetrics);
    EXPECT_EQ(negotiate_format("Application/OpenMetrics-Text; Version=1.0.0"),
              ExpositionFormat::OpenMetrics);
    EXPECT_EQ(negotiate_format("application/openmetrics-text"), ExpositionFormat::OpenMetrics);
}

TEST(TheFormatNegotiation, GivesTheTextFormatToEveryoneElse) {
    for (const char* accept :
         {"", "*/*", "text/plain", "text/plain;version=0.0.4", "application/openmetrics-text;q=0",
          "application/openmetrics-text;version=2.0.0",
          "application/openmetrics-text;q=0.3,text/plain;q=0.6",
          "application/openmetrics-text;q=banana", ";;;,,,=,q=", "application/json"}) {
        EXPECT_EQ(negotiate_format(accept), ExpositionFormat::Prometheus) << accept;
    }
    EXPECT_EQ(content_type(ExpositionFormat::Prometheus),
              "text/plain; version=0.0.4; charset=utf-8");
    EXPECT_EQ(content_type(ExpositionFormat::OpenMetrics),
              "application/openmetrics-text; version=1.0.0; charset=utf-8");
}

TEST(MetricNames, AreLettersDigitsUnderscoresAndColonsNotStartingWithADigit) {
    EXPECT_TRUE(is_valid_metric_name("node_load1"));
    EXPECT_TRUE(is_valid_metric_name("a:b_C"));
    EXPECT_FALSE(is_valid_metric_name(""));
    EXPECT_FALSE(is_valid_metric_name("1abc"));
    EXPECT_FALSE(is_valid_metric_name("a-b"));
    EXPECT_FALSE(is_valid_metric_name("a:b", true)) << "no colon in a label name";
    EXPECT_TRUE(is_valid_metric_name("mountpoint", true));
}

}  // namespace
}  // namespace vitalsd
