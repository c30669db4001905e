// SPDX-License-Identifier: MIT
#include "text_table.hpp"

#include <algorithm>

namespace vitalsd::ctl {
namespace {

bool is_continuation(char c) {
    return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

// Returns the length of the escape sequence starting at text[at] ("\x1b[1;31m"), 0 for none.
std::size_t escape_length(std::string_view text, std::size_t at) {
    if (text[at] != '\x1b' || at + 1 >= text.size() || text[at + 1] != '[') {
        return 0;
    }
    for (std::size_t i = at + 2; i < text.size(); ++i) {
        const char c = text[i];
        if (c >= 0x40 && c <= 0x7e) {
            return i - at + 1;
        }
    }
    return text.size() - at;
}

}  // namespace

std::size_t display_width(std::string_view text) {
    std::size_t width = 0;
    for (std::size_t i = 0; i < text.size();) {
        if (const auto escape = escape_length(text, i)) {
            i += escape;
            continue;
        }
        if (!is_continuation(text[i])) {
            ++width;
        }
        ++i;
    }
    return width;
}

std::string fit_width(std::string_view text, std::size_t width) {
    if (display_width(text) <= width) {
        return std::string(text);
    }
    if (width == 0) {
        return {};
    }
    // Keep width - 1 characters and the ellipsis.
    std::size_t kept = 0;
    std::size_t end = 0;
    while (end < text.size()) {
        if (!is_continuation(text[end])) {
            if (kept == width - 1) {
                break;
            }
            ++kept;
        }
        ++end;
    }
    return std::string(text.substr(0, end)) + "…";
}

std::string printable(std::string text) {
    for (auto& c : text) {
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
            c = '?';
        }
    }
    return text;
}

std::string pad(std::string_view text, std::size_t width, Align align) {
    const std::size_t have = display_width(text);
    const std::string fill(width > have ? width - have : 0, ' ');
    return align == Align::Left ? std::string(text) + fill : fill + std::string(text);
}

std::vector<std::string> align_columns(const std::vector<std::vector<std::string>>& rows,
                                       const std::vector<Align>& aligns, std::size_t gap) {
    std::vector<std::size_t> widths;
    for (const auto& row : rows) {
        widths.resize(std::max(widths.size(), row.size()), 0);
        for (std::size_t c = 0; c < row.size(); ++c) {
            widths[c] = std::max(widths[c], display_width(row[c]));
        }
    }
    std::vector<std::string> lines;
    lines.reserve(rows.size());
    const std::string separator(gap, ' ');
    for (const auto& row : rows) {
        std::string line;
        for (std::size_t c = 0; c < row.size(); ++c) {
            if (c > 0) {
                line += separator;
            }
            line += pad(row[c], widths[c], c < aligns.size() ? aligns[c] : Align::Left);
        }
        line.erase(line.find_last_not_of(' ') + 1);
        lines.push_back(std::move(line));
    }
    return lines;
}

std::string as_text(const std::vector<std::string>& lines) {
    std::string text;
    for (const auto& line : lines) {
        text += line;
        text += '\n';
    }
    return text;
}

std::vector<std::string> aligned_quantities(const std::vector<Quantity>& quantities) {
    std::size_t widest = 0;
    for (const auto& quantity : quantities) {
        widest = std::max(widest, display_width(quantity.number));
    }
    std::vector<std::string> texts;
    texts.reserve(quantities.size());
    for (const auto& quantity : quantities) {
        auto text = pad(quantity.number, widest, Align::Right);
        if (!quantity.unit.empty()) {
            text += " " + quantity.unit;
        }
        texts.push_back(std::move(text));
    }
    return texts;
}

}  // namespace vitalsd::ctl
