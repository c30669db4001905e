// SPDX-License-Identifier: MIT
// Fuzzes what the exporter reads from others: an Accept header, mountinfo, a sensor id's device
// segment, a web configuration file and an Authorization header.
#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "exposition.hpp"
#include "mount_sources.hpp"
#include "node_metrics.hpp"
#include "web_config.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    vitalsd::negotiate_format(text);
    vitalsd::parse_mount_sources(text);
    vitalsd::device_from_segment(text);
    vitalsd::mount_point_from_segment(text);
    try {
        vitalsd::exporter::parse_web_config(text, "/nonexistent");
    } catch (const vitalsd::exporter::WebConfigError&) {
    }
    vitalsd::exporter::BasicAuth auth(
        std::map<std::string, std::string>{{"alice", "$2y$04$saltsaltsaltsaltsaltsO"}});
    auth.allows(text);
    auth.allows("Basic " + text);
    return 0;
}
