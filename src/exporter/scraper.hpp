// SPDX-License-Identifier: MIT
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <variant>

#include "bus_choice.hpp"
#include "node_metrics.hpp"
#include "routes.hpp"

namespace vitalsd {
class ServiceConnection;
}

namespace vitalsd::exporter {

/// Reads the service for scrapes: one GetValues call of every exported sensor, on a connection
/// made at the first scrape and made again after one that failed, so that a bus or service that
/// comes back is found by the next scrape. Scrapes that come within kShareWindow of a read
/// share it: a flood of scrapes, or two Prometheus servers of a pair, cost the service one call.
/// The exposition ends with the exporter's own two counters: scrapes and reads.
class Scraper {
public:
    static constexpr std::chrono::milliseconds kShareWindow{500};
    /// How long a read may take before the scrape is answered 503.
    static constexpr std::chrono::seconds kCallTimeout{5};

    Scraper(BusChoice bus, ExportOptions options);
    ~Scraper();

    /// Returns the exposition in the format, or why the service could not be read.
    std::variant<std::string, Unreachable> scrape(ExpositionFormat format);

private:
    BusChoice bus_;
    ExportOptions options_;
    std::unique_ptr<ServiceConnection> service_;
    std::chrono::steady_clock::time_point read_at_{};
    std::uint64_t timestamp_usec_ = 0;
    std::map<std::string, double> values_;
    std::uint64_t reads_ = 0;    // GetValues calls made, exposed as vitals_exporter_reads_total
    std::uint64_t scrapes_ = 0;  // exposed as vitals_exporter_scrapes_total
};

}  // namespace vitalsd::exporter
