// SPDX-License-Identifier: MIT
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace vitalsd {

/// The two text formats a Prometheus server scrapes.
enum class ExpositionFormat {
    Prometheus,   ///< the text format 0.0.4
    OpenMetrics,  ///< OpenMetrics 1.0.0: # UNIT, counters' samples named <family>_total, # EOF
};

enum class MetricType { Gauge, Counter };

/// One sample of a family: its labels (name, value) in the order written, and its value.
struct MetricSample {
    std::vector<std::pair<std::string, std::string>> labels;
    double value = 0;
};

/// A metric family. name is the family's name without a counter's "_total"
/// (node_cpu_seconds), which both formats add to a counter's samples; unit, when not empty, is
/// the name's last word (seconds, bytes, celsius), which OpenMetrics states in # UNIT.
struct MetricFamily {
    std::string name;
    MetricType type = MetricType::Gauge;
    std::string unit;
    std::string help;
    std::vector<MetricSample> samples;
};

/// Returns the families in the format: # HELP and # TYPE (and # UNIT in OpenMetrics) before
/// each family's samples, label values and help escaped, and for OpenMetrics the closing
/// "# EOF". A family without samples is left out; a NaN value is written as NaN.
std::string expose(const std::vector<MetricFamily>& families, ExpositionFormat format);

/// Returns the Content-Type of the format, with its version and charset.
std::string_view content_type(ExpositionFormat format);

/// Returns the format an HTTP Accept header asks for: OpenMetrics when it names
/// application/openmetrics-text (version 1.0.0, 0.0.1 or none) at a quality above 0 and no
/// lower than text/plain's, else the Prometheus text format, which is also what an empty or
/// malformed header gets.
ExpositionFormat negotiate_format(std::string_view accept);

/// Returns whether a name is a valid metric name ([a-zA-Z_:][a-zA-Z0-9_:]*), or with
/// label_name a valid label name ([a-zA-Z_][a-zA-Z0-9_]*).
bool is_valid_metric_name(std::string_view name, bool label_name = false);

}  // namespace vitalsd
