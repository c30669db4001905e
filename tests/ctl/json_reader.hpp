// SPDX-License-Identifier: MIT
#pragma once

#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace vitalsd::test {

/// A parsed JSON value: enough to check a document's keys and types in tests.
struct Json {
    enum class Type { Null, Bool, Number, String, Array, Object };

    Type type = Type::Null;
    bool flag = false;
    double number = 0;
    std::string text;
    std::vector<Json> elements;
    std::map<std::string, Json> members;

    bool is(Type wanted) const { return type == wanted; }

    /// Returns the member; throws std::out_of_range when there is none.
    const Json& operator[](const std::string& key) const { return members.at(key); }
};

/// Parses one JSON document (RFC 8259), nothing but whitespace after it. Throws
/// std::invalid_argument naming the offset of the first thing that is not JSON.
Json parse_json(std::string_view text);

}  // namespace vitalsd::test
