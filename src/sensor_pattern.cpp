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
    // Equal segment counts first: splitting alone would let "load/1/" match "load/*".
    if (std::count(id.begin(), id.end(), '/') != std::count(text_.begin(), text_.end(), '/')) {
        return false;
    }
    std::string_view pattern = text_;
    while (!pattern.empty() && !id.empty()) {
        const auto want = next_segment(pattern);
        const auto have = next_segment(id);
        if (want != "*" && want != have) {
            return false;
        }
    }
    return pattern.empty() && id.empty();
}

}  // namespace vitalsd
