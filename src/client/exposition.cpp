// SPDX-License-Identifier: MIT
// The Prometheus text format 0.0.4
// (https://prometheus.io/docs/instrumenting/exposition_formats/) and OpenMetrics 1.0
// (https://github.com/OpenObservability/OpenMetrics/blob/main/specification/OpenMetrics.md).
#include "exposition.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <optional>

namespace vitalsd {
namespace {

// Escapes a label value (both formats) or a help text: a backslash and a line feed always, a
// double quote in label values and in OpenMetrics' help.
void append_escaped(std::string& out, std::string_view text, bool quote) {
    for (const char c : text) {
        if (c == '\\') {
            out += "\\\\";
        } else if (c == '\n') {
            out += "\\n";
        } else if (c == '"' && quote) {
            out += "\\\"";
        } else {
            out += c;
        }
    }
}

void append_value(std::string& out, double value) {
    if (std::isnan(value)) {
        out += "NaN";
    } else if (std::isinf(value)) {
        out += value > 0 ? "+Inf" : "-Inf";
    } else {
        std::array<char, 32> buffer{};
        const auto [end, error] =
            std::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
        out.append(buffer.data(), end);
    }
}

void append_sample(std::string& out, const std::string& name, const MetricSample& sample) {
    out += name;
    if (!sample.labels.empty()) {
        out += '{';
        bool first = true;
        for (const auto& [label, value] : sample.labels) {
            if (!first) {
                out += ',';
            }
            first = false;
            out += label;
            out += "=\"";
            append_escaped(out, value, true);
            out += '"';
        }
        out += '}';
    }
    out += ' ';
    append_value(out, sample.value);
    out += '\n';
}

std::string_view trim(std::string_view text) {
    const auto begin = text.find_first_not_of(" \t");
    if (begin == std::string_view::npos) {
        return {};
    }
    const auto end = text.find_last_not_of(" \t");
    return text.substr(begin, end - begin + 1);
}

bool equal_ignoring_case(std::string_view a, std::string_view b) {
    return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
        const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c; };
        return lower(x) == lower(y);
    });
}

// One media range of an Accept header: its type and the parameters this negotiation reads.
struct MediaRange {
    std::string_view type;
    std::optional<std::string_view> version;
    double quality = 1.0;
};

MediaRange parse_range(std::string_view text) {
    MediaRange range;
    auto semicolon = text.find(';');
    range.type = trim(text.substr(0, semicolon));
    while (semicolon != std::string_view::npos) {
        text = text.substr(semicolon + 1);
        semicolon = text.find(';');
        const auto parameter = trim(text.substr(0, semicolon));
        const auto equals = parameter.find('=');
        if (equals == std::string_view::npos) {
            continue;
        }
        const auto key = trim(parameter.substr(0, equals));
        const auto value = trim(parameter.substr(equals + 1));
        if (equal_ignoring_case(key, "version")) {
            range.version = value;
        } else if (equal_ignoring_case(key, "q")) {
            double quality = 0;
            const auto [end, error] =
                std::from_chars(value.data(), value.data() + value.size(), quality);
            range.quality = error == std::errc{} && end == value.data() + value.size() &&
                                    quality >= 0 && quality <= 1
                                ? quality
                                : 0;
        }
    }
    return range;
}

}  // namespace

std::string expose(const std::vector<MetricFamily>& families, ExpositionFormat format) {
    const bool open_metrics = format == ExpositionFormat::OpenMetrics;
    std::string out;
    for (const auto& family : families) {
        if (family.samples.empty()) {
            continue;
        }
        const bool counter = family.type == MetricType::Counter;
        const auto sample_name = counter ? family.name + "_total" : family.name;
        // The text format knows a family by its samples' name; OpenMetrics by the family's.
        const auto& described = open_metrics ? family.name : sample_name;
        out += "# HELP " + described + " ";
        append_escaped(out, family.help, open_metrics);
        out += "\n# TYPE " + described + (counter ? " counter\n" : " gauge\n");
        if (open_metrics && !family.unit.empty()) {
            out += "# UNIT " + described + " " + family.unit + "\n";
        }
        for (const auto& sample : family.samples) {
            append_sample(out, sample_name, sample);
        }
    }
    if (open_metrics) {
        out += "# EOF\n";
    }
    return out;
}

std::string_view content_type(ExpositionFormat format) {
    return format == ExpositionFormat::OpenMetrics
               ? "application/openmetrics-text; version=1.0.0; charset=utf-8"
               : "text/plain; version=0.0.4; charset=utf-8";
}

ExpositionFormat negotiate_format(std::string_view accept) {
    double open_metrics = 0;
    double text = 0;
    while (!accept.empty()) {
        const auto comma = accept.find(',');
        const auto range = parse_range(accept.substr(0, comma));
        accept = comma == std::string_view::npos ? std::string_view{} : accept.substr(comma + 1);
        if (equal_ignoring_case(range.type, "application/openmetrics-text")) {
            if (!range.version || *range.version == "1.0.0" || *range.version == "0.0.1") {
                open_metrics = std::max(open_metrics, range.quality);
            }
        } else if (equal_ignoring_case(range.type, "text/plain")) {
            text = std::max(text, range.quality);
        }
    }
    return open_metrics > 0 && open_metrics >= text ? ExpositionFormat::OpenMetrics
                                                    : ExpositionFormat::Prometheus;
}

bool is_valid_metric_name(std::string_view name, bool label_name) {
    if (name.empty()) {
        return false;
    }
    for (std::size_t i = 0; i < name.size(); ++i) {
        const char c = name[i];
        const bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
                            (c == ':' && !label_name);
        if (!letter && !(i > 0 && c >= '0' && c <= '9')) {
            return false;
        }
    }
    return true;
}

}  // namespace vitalsd
