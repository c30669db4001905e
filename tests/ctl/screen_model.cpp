// SPDX-License-Identifier: MIT
#include "screen_model.hpp"

#include <algorithm>
#include <cstdlib>
#include <stdexcept>

namespace vitalsd::test {
namespace {

bool is_continuation(char c) {
    return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

// Returns the byte offset of the column'th character of a row, padding the row with spaces
// when it is shorter.
std::size_t offset_of(std::string& row, std::size_t column) {
    std::size_t at = 0;
    std::size_t seen = 0;
    while (at < row.size() && seen < column) {
        ++at;
        while (at < row.size() && is_continuation(row[at])) {
            ++at;
        }
        ++seen;
    }
    if (seen < column) {
        row.append(column - seen, ' ');
        at = row.size();
    }
    return at;
}

void put(std::string& row, std::size_t column, std::string_view character) {
    const std::size_t at = offset_of(row, column);
    std::size_t end = at;
    if (end < row.size()) {
        ++end;
        while (end < row.size() && is_continuation(row[end])) {
            ++end;
        }
    }
    row.replace(at, end - at, character);
}

}  // namespace

void ScreenModel::line_feed() {
    if (row_ + 1 < screen_.size()) {
        ++row_;
    } else {
        screen_.erase(screen_.begin());
        screen_.emplace_back();
        ++scrolled_;
    }
    lowest_row_ = std::max(lowest_row_, row_);
}

void ScreenModel::feed(std::string_view output) {
    for (std::size_t i = 0; i < output.size();) {
        const char c = output[i];
        if (c == '\x1b' && i + 1 < output.size() && output[i + 1] == '[') {
            std::size_t end = i + 2;
            while (end < output.size() && !(output[end] >= 0x40 && output[end] <= 0x7e)) {
                ++end;
            }
            if (end >= output.size()) {
                throw std::invalid_argument("unfinished escape sequence");
            }
            const auto parameters = std::string(output.substr(i + 2, end - i - 2));
            const char final = output[end];
            if (final == 'A') {
                const auto n =
                    parameters.empty() ? 1 : std::strtoul(parameters.c_str(), nullptr, 10);
                row_ = row_ >= n ? row_ - n : 0;
                ++cursor_ups_;
            } else if (final == 'K') {
                auto& line = screen_[row_];
                line.erase(offset_of(line, column_));
            } else if (final == 'J' && parameters.empty()) {
                auto& line = screen_[row_];
                line.erase(offset_of(line, column_));
                for (std::size_t r = row_ + 1; r < screen_.size(); ++r) {
                    screen_[r].clear();
                }
            } else if (final == 'J' && parameters == "2") {
                for (auto& line : screen_) {
                    line.clear();
                }
            } else if (final == 'H') {
                row_ = 0;
                column_ = 0;
            }
            // 'm' (colours) and 'h'/'l' (cursor shown or hidden) change nothing here.
            i = end + 1;
            continue;
        }
        if (c == '\n') {
            line_feed();
        } else if (c == '\r') {
            column_ = 0;
        } else if (static_cast<unsigned char>(c) >= 0x20) {
            std::size_t end = i + 1;
            while (end < output.size() && is_continuation(output[end])) {
                ++end;
            }
            put(screen_[row_], column_++, output.substr(i, end - i));
            i = end;
            continue;
        }
        ++i;
    }
    for (auto& line : screen_) {
        line.erase(line.find_last_not_of(' ') + 1);
    }
}

}  // namespace vitalsd::test
