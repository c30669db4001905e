#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The activation file that ./scripts/run points a bus at must start the daemon just built.
set -euo pipefail
file="$VITALSD_BUILD_ROOT/dbus/build-tree/io.github.vitalsd.Vitals1.service"
exec_line=$(grep '^Exec=' "$file")
program=${exec_line#Exec=}
program=${program%% *}
if [[ $program != "$VITALSD_BINARY" ]]; then
    echo "$file starts $program, not the built daemon $VITALSD_BINARY" >&2
    exit 1
fi
[[ -x $program ]] || { echo "$program is not an executable" >&2; exit 1; }
echo "build-tree activation starts $program"
