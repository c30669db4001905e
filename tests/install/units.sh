#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The installed units pass systemd-analyze verify (man page included) and rate low in
# systemd-analyze security: the system unit at most 1.5, the user unit at most what a user
# manager allows without a user namespace (see vitalsd.service.in), the exporter's at most 2.0
# though it serves the network.
source "$(dirname "$0")/install.sh"
readonly max_system_exposure=1.5
readonly max_user_exposure=5.9
readonly max_exporter_exposure=2.0

export MANPATH=$destdir$VITALSD_MANDIR
# The user manager's tools need a runtime directory; the test's own keeps them off the machine's.
export XDG_RUNTIME_DIR=$work/runtime
mkdir -m 700 "$XDG_RUNTIME_DIR"

# The system unit, verified inside the DESTDIR as root directory, so that its ExecStart= is found
# where it says. Only the unit itself: the DESTDIR holds none of the units it orders against.
output=$(systemd-analyze verify --root="$destdir" --recursive-errors=no --man=yes "$system_unit" \
    2>&1) ||
    fail "systemd-analyze verify $system_unit failed: $output"
[[ -z $output ]] || fail "systemd-analyze verify $system_unit says: $output"

# The exporter's socket and service, the same way.
for unit in "$exporter_socket" "$exporter_unit"; do
    output=$(systemd-analyze verify --root="$destdir" --recursive-errors=no --man=yes "$unit" 2>&1) ||
        fail "systemd-analyze verify $unit failed: $output"
    [[ -z $output ]] || fail "systemd-analyze verify $unit says: $output"
done

# The user manager has no root directory option: the user unit is verified as a copy whose
# ExecStart= names the DESTDIR's daemon.
mkdir "$work/user"
sed "s|^ExecStart=$daemon |ExecStart=$destdir$daemon |" "$destdir$user_unit" \
    >"$work/user/vitalsd.service"
grep -qxF "ExecStart=$destdir$daemon --session" "$work/user/vitalsd.service" ||
    fail "the user unit's ExecStart= is not '$daemon --session'"
output=$(systemd-analyze verify --user --man=yes "$work/user/vitalsd.service" 2>&1) ||
    fail "systemd-analyze verify --user $user_unit failed: $output"
[[ -z $output ]] || fail "systemd-analyze verify --user $user_unit says: $output"

# Prints the overall exposure systemd-analyze security gives a unit.
exposure() {
    systemd-analyze security --offline=true "$@" |
        sed -n 's/.*Overall exposure level for [^:]*: \([0-9.]*\).*/\1/p'
}
at_most() {
    awk -v value="$1" -v limit="$2" 'BEGIN { exit !(value != "" && value + 0 <= limit + 0) }'
}
system_exposure=$(exposure --root="$destdir" "$system_unit")
echo "vitalsd-system.service: exposure $system_exposure (at most $max_system_exposure)"
at_most "$system_exposure" "$max_system_exposure" ||
    fail "vitalsd-system.service rates $system_exposure, above $max_system_exposure"
exporter_exposure=$(exposure --root="$destdir" "$exporter_unit")
echo "vitals-exporter.service: exposure $exporter_exposure (at most $max_exporter_exposure)"
at_most "$exporter_exposure" "$max_exporter_exposure" ||
    fail "vitals-exporter.service rates $exporter_exposure, above $max_exporter_exposure"
user_exposure=$(exposure --user "$work/user/vitalsd.service")
echo "vitalsd.service (user): exposure $user_exposure (at most $max_user_exposure)"
at_most "$user_exposure" "$max_user_exposure" ||
    fail "vitalsd.service rates $user_exposure, above $max_user_exposure"

finish
