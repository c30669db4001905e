// SPDX-License-Identifier: MIT
#pragma once

#include <sdbus-c++/Types.h>

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace vitalsd {

/// One process as ListProcesses gives it, field for field in the order of the interface's
/// a(uuussdtus).
struct ProcessRow {
    std::uint32_t pid = 0;
    std::uint32_t ppid = 0;
    std::uint32_t uid = 0;
    std::string name;
    std::string state;
    double cpu_percent = 0;  ///< of one CPU, since the previous scan
    std::uint64_t resident_bytes = 0;
    std::uint32_t threads = 0;
    std::string command_line;  ///< empty for kernel threads, or when the caller may not see it

    bool operator==(const ProcessRow&) const = default;
};

/// A process row on the wire: the struct the generated adaptor and proxy take.
using ProcessRowWire =
    sdbus::Struct<std::uint32_t, std::uint32_t, std::uint32_t, std::string, std::string, double,
                  std::uint64_t, std::uint32_t, std::string>;

/// One group of processes as ListApplications gives it, field for field in the order of the
/// interface's a(sssasa{sd}au).
struct ApplicationRow {
    std::string id;
    std::string kind;  ///< app, service, container, session or system
    std::string hint;  ///< a desktop file id without .desktop, a unit name, a container's
    std::vector<std::string> cgroups;
    /// By the last segment of its sensors' ids: cpu, memory, processes, ...; only those known.
    std::map<std::string, double> figures;
    /// The processes in its cgroups, sorted: with ListProcesses, what each of them uses.
    std::vector<std::uint32_t> pids;

    bool operator==(const ApplicationRow&) const = default;
};

using ApplicationRowWire =
    sdbus::Struct<std::string, std::string, std::string, std::vector<std::string>,
                  std::map<std::string, double>, std::vector<std::uint32_t>>;

inline ApplicationRowWire to_wire(const ApplicationRow& a) {
    return {a.id, a.kind, a.hint, a.cgroups, a.figures, a.pids};
}

inline ApplicationRow from_wire(const ApplicationRowWire& w) {
    return {w.get<0>(), w.get<1>(), w.get<2>(), w.get<3>(), w.get<4>(), w.get<5>()};
}

/// One sensor as ListSensors gives it: a(ssss), id, unit, label, description.
using SensorRowWire = sdbus::Struct<std::string, std::string, std::string, std::string>;

/// Returns the row as the wire carries it. Its strings must already be valid UTF-8.
inline ProcessRowWire to_wire(const ProcessRow& p) {
    return {p.pid,         p.ppid,           p.uid,     p.name,        p.state,
            p.cpu_percent, p.resident_bytes, p.threads, p.command_line};
}

/// Returns the row a reply carried.
inline ProcessRow from_wire(const ProcessRowWire& w) {
    return {w.get<0>(), w.get<1>(), w.get<2>(), w.get<3>(), w.get<4>(),
            w.get<5>(), w.get<6>(), w.get<7>(), w.get<8>()};
}

}  // namespace vitalsd
