// SPDX-License-Identifier: MIT
#include "json_reader.hpp"

#include <algorithm>
#include <cctype>
#include <cstdlib>

namespace vitalsd::test {
namespace {

class Parser {
public:
    explicit Parser(std::string_view text) : text_(text) {}

    Json document() {
        Json value = parse_value();
        skip_space();
        if (at_ < text_.size()) {
            fail("text after the document");
        }
        return value;
    }

private:
    [[noreturn]] void fail(const std::string& what) const {
        throw std::invalid_argument("not JSON at offset " + std::to_string(at_) + ": " + what);
    }

    void skip_space() {
        while (at_ < text_.size() && (text_[at_] == ' ' || text_[at_] == '\t' ||
                                      text_[at_] == '\n' || text_[at_] == '\r')) {
            ++at_;
        }
    }

    bool take(char c) {
        skip_space();
        if (at_ < text_.size() && text_[at_] == c) {
            ++at_;
            return true;
        }
        return false;
    }

    void expect(char c) {
        if (!take(c)) {
            fail(std::string("expected '") + c + "'");
        }
    }

    bool take_word(std::string_view word) {
        if (text_.substr(at_, word.size()) == word) {
            at_ += word.size();
            return true;
        }
        return false;
    }

    Json parse_value() {
        skip_space();
        if (at_ >= text_.size()) {
            fail("unexpected end");
        }
        Json value;
        const char c = text_[at_];
        if (c == '{') {
            value.type = Json::Type::Object;
            ++at_;
            if (!take('}')) {
                do {
                    skip_space();
                    const std::string key = parse_string();
                    expect(':');
                    value.members[key] = parse_value();
                } while (take(','));
                expect('}');
            }
        } else if (c == '[') {
            value.type = Json::Type::Array;
            ++at_;
            if (!take(']')) {
                do {
                    value.elements.push_back(parse_value());
                } while (take(','));
                expect(']');
            }
        } else if (c == '"') {
            value.type = Json::Type::String;
            value.text = parse_string();
        } else if (take_word("true") || take_word("false")) {
            value.type = Json::Type::Bool;
            value.flag = c == 't';
        } else if (take_word("null")) {
            value.type = Json::Type::Null;
        } else {
            value.type = Json::Type::Number;
            value.number = parse_number();
        }
        return value;
    }

    std::string parse_string() {
        if (at_ >= text_.size() || text_[at_] != '"') {
            fail("expected a string");
        }
        ++at_;
        std::string out;
        while (at_ < text_.size() && text_[at_] != '"') {
            const char c = text_[at_++];
            if (static_cast<unsigned char>(c) < 0x20) {
                fail("control character in a string");
            }
            if (c != '\\') {
                out += c;
                continue;
            }
            if (at_ >= text_.size()) {
                fail("unfinished escape");
            }
            const char e = text_[at_++];
            switch (e) {
                case '"':
                case '\\':
                case '/':
                    out += e;
                    break;
                case 'n':
                    out += '\n';
                    break;
                case 't':
                    out += '\t';
                    break;
                case 'r':
                    out += '\r';
                    break;
                case 'b':
                    out += '\b';
                    break;
                case 'f':
                    out += '\f';
                    break;
                case 'u': {
                    const auto hex = text_.substr(at_, 4);
                    if (hex.size() != 4 || !std::all_of(hex.begin(), hex.end(), [](char h) {
                            return std::isxdigit(static_cast<unsigned char>(h)) != 0;
                        })) {
                        fail("bad \\u escape");
                    }
                    const auto code = std::strtoul(std::string(hex).c_str(), nullptr, 16);
                    at_ += 4;
                    if (code >= 0x80) {
                        fail("\\u escapes beyond ASCII are not needed by these tests");
                    }
                    out += static_cast<char>(code);
                    break;
                }
                default:
                    fail("bad escape");
            }
        }
        if (at_ >= text_.size()) {
            fail("unfinished string");
        }
        ++at_;
        return out;
    }

    // -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
    double parse_number() {
        const std::size_t start = at_;
        auto digits = [&] {
            const std::size_t from = at_;
            while (at_ < text_.size() && std::isdigit(static_cast<unsigned char>(text_[at_]))) {
                ++at_;
            }
            return at_ - from;
        };
        if (at_ < text_.size() && text_[at_] == '-') {
            ++at_;
        }
        const bool leading_zero = at_ < text_.size() && text_[at_] == '0';
        const std::size_t whole = digits();
        if (whole == 0 || (leading_zero && whole > 1)) {
            fail("bad number");
        }
        if (at_ < text_.size() && text_[at_] == '.') {
            ++at_;
            if (digits() == 0) {
                fail("bad fraction");
            }
        }
        if (at_ < text_.size() && (text_[at_] == 'e' || text_[at_] == 'E')) {
            ++at_;
            if (at_ < text_.size() && (text_[at_] == '+' || text_[at_] == '-')) {
                ++at_;
            }
            if (digits() == 0) {
                fail("bad exponent");
            }
        }
        return std::strtod(std::string(text_.substr(start, at_ - start)).c_str(), nullptr);
    }

    std::string_view text_;
    std::size_t at_ = 0;
};

}  // namespace

Json parse_json(std::string_view text) {
    return Parser(text).document();
}

}  // namespace vitalsd::test
