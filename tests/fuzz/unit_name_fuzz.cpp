// SPDX-License-Identifier: MIT
// Fuzzes the naming conventions on arbitrary cgroup names: the input is a directory name and,
// after the first newline, its parent's name. A group a name starts always has an id, an app is
// its own hint, only a unit holds other groups, and systemd's escapes undo to the bytes escaped.
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

#include "collectors/cgroup_names.hpp"

namespace {

using vitalsd::GroupKind;

// Escapes every byte, as systemd-escape does the bytes it must.
std::string escape_all(std::string_view text) {
    std::string escaped;
    for (const char c : text) {
        char hex[5];
        std::snprintf(hex, sizeof hex, "\\x%02x", static_cast<unsigned char>(c));
        escaped += hex;
    }
    return escaped;
}

bool begins_with_a_manager(const std::string& id) {
    for (const std::string_view manager :
         {"docker-", "podman-", "crio-", "containerd-", "lxc-", "machine-"}) {
        if (id.starts_with(manager) && id.size() > manager.size()) {
            return true;
        }
    }
    return false;
}

void check_group(std::string_view name, std::string_view parent) {
    const auto group = vitalsd::classify_cgroup(name, parent);
    if (group != vitalsd::classify_cgroup(name, parent)) {
        __builtin_trap();
    }
    if (!group) {
        return;
    }
    if (group->id.empty()) {
        __builtin_trap();
    }
    switch (group->kind) {
        case GroupKind::App:
            if (group->hint != group->id || group->holds_groups) {
                __builtin_trap();
            }
            break;
        case GroupKind::Service:
            if (group->hint != group->id || !group->holds_groups || name == "init.scope") {
                __builtin_trap();
            }
            break;
        case GroupKind::Container:
            if (!begins_with_a_manager(group->id) || group->hint.empty() || group->holds_groups) {
                __builtin_trap();
            }
            break;
        case GroupKind::Session:
            if (!group->id.starts_with("session-") || group->hint != name || group->holds_groups) {
                __builtin_trap();
            }
            break;
        case GroupKind::System:
            __builtin_trap();  // only the root starts it
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const auto newline = text.find('\n');
    const auto name = text.substr(0, newline);
    const auto parent = newline == std::string_view::npos ? "" : text.substr(newline + 1);
    check_group(name, parent);

    const auto unescaped = vitalsd::unescape_unit_name(text);
    if (unescaped.size() > text.size() ||
        (text.find('\\') == std::string_view::npos && unescaped != text)) {
        __builtin_trap();
    }
    if (vitalsd::unescape_unit_name(escape_all(text)) != text) {
        __builtin_trap();
    }
    return 0;
}
