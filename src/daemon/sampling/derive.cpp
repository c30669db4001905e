// SPDX-License-Identifier: MIT
#include "derive.hpp"

#include <algorithm>

namespace vitalsd {

double derive_value(SensorKind kind, RawSample previous, RawSample current, double dt_seconds) {
    // A garbled file can parse as "inf": no client is ever sent a value that is not finite.
    if (std::isinf(current.a) || std::isinf(current.b) || std::isinf(previous.a) ||
        std::isinf(previous.b)) {
        return kMissing;
    }
    switch (kind) {
        case SensorKind::Gauge:
            return current.a;
        case SensorKind::Rate: {
            if (!previous.present() || !current.present() || !(dt_seconds > 0)) {
                return kMissing;
            }
            return std::max(0.0, current.a - previous.a) / dt_seconds;
        }
        case SensorKind::Share: {
            if (!previous.present() || !current.present() || std::isnan(previous.b) ||
                std::isnan(current.b)) {
                return kMissing;
            }
            const double whole = current.b - previous.b;
            if (!(whole > 0)) {
                return 0.0;  // the counter did not move: nothing was spent
            }
            const double part = std::clamp(current.a - previous.a, 0.0, whole);
            return 100.0 * part / whole;
        }
    }
    return kMissing;
}

}  // namespace vitalsd
