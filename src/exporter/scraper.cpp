// SPDX-License-Identifier: MIT
#include "scraper.hpp"

#include <sdbus-c++/Error.h>

#include "bus_error.hpp"
#include "service_connection.hpp"

namespace vitalsd::exporter {

Scraper::Scraper(BusChoice bus, ExportOptions options) : bus_(bus), options_(options) {}

Scraper::~Scraper() = default;

std::variant<std::string, Unreachable> Scraper::scrape(ExpositionFormat format) {
    ++scrapes_;
    const auto now = std::chrono::steady_clock::now();
    if (reads_ == 0 || now - read_at_ >= kShareWindow) {
        try {
            if (!service_) {
                service_ = std::make_unique<ServiceConnection>(bus_);
            }
            ++reads_;
            std::tie(timestamp_usec_, values_) =
                service_->vitals.values_within(exported_sensor_patterns(options_), kCallTimeout);
            read_at_ = std::chrono::steady_clock::now();
        } catch (const sdbus::Error& e) {
            service_.reset();  // the next scrape connects again
            read_at_ = {};
            return Unreachable{"vitalsd cannot be read on the " + std::string(bus_label(bus_)) +
                               " bus: " + describe_error(e.getName(), e.getMessage())};
        }
    }
    auto families = node_metric_families(timestamp_usec_, values_, read_mount_sources(), options_);
    families.push_back({"vitals_exporter_scrapes",
                        MetricType::Counter,
                        "",
                        "Scrapes this exporter answered or tried to.",
                        {{{}, static_cast<double>(scrapes_)}}});
    families.push_back({"vitals_exporter_reads",
                        MetricType::Counter,
                        "",
                        "Reads of vitalsd (GetValues calls) these scrapes made.",
                        {{{}, static_cast<double>(reads_)}}});
    return expose(families, format);
}

}  // namespace vitalsd::exporter
