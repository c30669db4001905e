// SPDX-License-Identifier: MIT
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>

#include "parse.hpp"

namespace vitalsd {

/// A sysfs attribute holding one short value (a number or a word), kept open and read with a
/// single pread from offset 0 into a buffer of its own: sysfs makes the whole value at once, so a
/// read shorter than the buffer is the whole file. Movable, so devices can keep them in vectors.
class SysfsAttribute {
public:
    /// An attribute that is not there: it reads as nothing.
    SysfsAttribute() = default;
    /// Opens path; an attribute that cannot be opened reads as nothing.
    explicit SysfsAttribute(const std::string& path);
    ~SysfsAttribute();
    SysfsAttribute(SysfsAttribute&& other) noexcept;
    SysfsAttribute& operator=(SysfsAttribute&& other) noexcept;
    SysfsAttribute(const SysfsAttribute&) = delete;
    SysfsAttribute& operator=(const SysfsAttribute&) = delete;

    /// Returns whether the attribute could be opened.
    bool is_open() const { return fd_ >= 0; }

    /// Returns the value as it is now without surrounding white space, or nullopt when it cannot
    /// be read (a driver's EIO or ENODATA, a device gone) or is too long to be one value. The view
    /// is valid until the next read.
    std::optional<std::string_view> read();

    /// Returns the value as a number, or nullopt when it cannot be read or is not one.
    template <typename Number>
    std::optional<Number> read_number() {
        const auto text = read();
        return text ? parse::number<Number>(*text) : std::nullopt;
    }

private:
    int fd_ = -1;
    std::array<char, 64> buffer_{};
};

/// Returns the trimmed value of a small file read once (a hwmon chip's name, a label, a power
/// supply's type), or nullopt when it cannot be read. For what is read when devices are found,
/// not on every sample.
std::optional<std::string> read_attribute(const std::string& path);

}  // namespace vitalsd
