// SPDX-License-Identifier: MIT
#pragma once

#include <string>
#include <string_view>

namespace vitalsd {

/// Returns a device's name (a network interface, a block device, a hwmon chip or one of its
/// labels, a power supply) made fit to be one segment of a sensor id. The kernel lets such names
/// hold '*' (a pattern's wildcard), bytes that are not UTF-8 (which D-Bus refuses) and, for block
/// devices, '/' (cciss/c0d0): every byte outside printable ASCII (0x21-0x7e) and every '%', '*'
/// and '/' becomes %XX, two upper-case hex digits; a name that is exactly "all" becomes "%61ll",
/// so that it cannot be taken for the total. Any other name is kept as it is ("eth0", "nvme0n1"),
/// and distinct names give distinct segments.
std::string id_segment(std::string_view name);

/// Returns text with every byte that keep refuses written as %XX (two upper-case hex digits,
/// '%' itself always so): the escaping under id_segment, for segments with rules of their own.
std::string escape_bytes(std::string_view text, bool (*keep)(unsigned char byte));

}  // namespace vitalsd
