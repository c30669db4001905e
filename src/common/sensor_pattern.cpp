// SPDX-License-Identifier: MIT
#include "sensor_pattern.hpp"

#include <algorithm>

#include "request_error.hpp"

namespace vitalsd {
namespace {

constexpr std::size_t kMaxQuoted = 80;

// Splits off the segment before the next '/', leaving the rest in path.
std::string_view next_segment(std::string_view& path) {
    const auto slash = path.find('/');
    const auto segment = path.substr(0, slash);
    path = slash == std::string_view::npos ? std::string_view{} : path.substr(slash + 1);
    return segment;
}

// Returns whether the paths have as many segments and each pair of segments is equal or has a
// '*' where one is allowed: always in pattern, in other only when it is a pattern too.
bool segments_agree(std::string_view pattern, std::string_view other, bool other_is_pattern) {
    // Equal segment counts first: splitting alone would let "load/1/" match "load/*".
    if (std::count(pattern.begin(), pattern.end(), '/') !=
        std::count(other.begin(), other.end(), '/')) {
        return false;
    }
    while (!pattern.empty() && !other.empty()) {
        const auto want = next_segment(pattern);
        const auto have = next_segment(other);
        if (want != "*" && want != have && !(other_is_pattern && have == "*")) {
            return false;
        }
    }
    return pattern.empty() && other.empty();
}

}  // namespace

std::string quoted_for_message(std::string_view argument) {
    if (argument.size() <= kMaxQuoted) {
        return "'" + std::string(argument) + "'";
    }
    // Cut at the start of a UTF-8 character: a bus refuses to send a string that is not UTF-8.
    std::size_t cut = kMaxQuoted;
    while (cut > 0 && (static_cast<unsigned char>(argument[cut]) & 0xC0) == 0x80) {
        --cut;
    }
    return "'" + std::string(argument.substr(0, cut)) + "…' (" + std::to_string(argument.size()) +
           " bytes)";
}

SensorPattern::SensorPattern(std::string_view text) : text_(text) {
    auto invalid = [&](const char* why) {
        return RequestError(RequestError::Kind::InvalidArgument,
                            "sensor " + quoted_for_message(text) + ": " + why);
    };
    if (text.empty()) {
        throw invalid("empty name");
    }
    // A trailing '/' leaves an empty last segment, which the loop below would not see.
    if (text.back() == '/') {
        throw invalid("empty segment");
    }
    for (std::string_view rest = text; !rest.empty();) {
        const auto segment = next_segment(rest);
        if (segment.empty()) {
            throw invalid("empty segment");
        }
        if (segment.find('*') != std::string_view::npos) {
            if (segment != "*") {
                throw invalid("'*' must be a whole segment");
            }
            wildcard_ = true;
        }
    }
}

bool SensorPattern::matches(std::string_view id) const {
    return segments_agree(text_, id, false);
}

bool SensorPattern::overlaps(const SensorPattern& other) const {
    return segments_agree(text_, other.text_, true);
}

}  // namespace vitalsd
