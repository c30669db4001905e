// SPDX-License-Identifier: MIT
#pragma once

#include "collectors/sensor.hpp"

namespace vitalsd {

/// Returns the value of a sensor of the given kind from two readings dt_seconds apart. Counters
/// that went backwards (a reset, a wrap, a CPU that came back online) count as no change, so a
/// rate is never negative and a share stays within [0, 100]. NaN when either reading lacks the
/// sensor or holds an infinity, or, for rates, when no time passed.
double derive_value(SensorKind kind, RawSample previous, RawSample current, double dt_seconds);

}  // namespace vitalsd
