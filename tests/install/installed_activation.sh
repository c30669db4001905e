#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The installed session activation file, its Exec= pointed at the DESTDIR, starts the installed
# daemon on a private bus.
source "$(dirname "$0")/install.sh"

mkdir "$work/services"
sed "s|^Exec=$daemon |Exec=$destdir$daemon |" "$destdir$session_activation" \
    >"$work/services/io.github.vitalsd.Vitals1.service"
grep -qxF "Exec=$destdir$daemon --session" "$work/services/io.github.vitalsd.Vitals1.service" ||
    fail "the activation file's Exec= is not '$daemon --session'"
sed -e "s|@BUS_DIR@|$work|g" -e "s|@SERVICE_DIR@|$work/services|g" \
    "$VITALSD_SOURCE_ROOT/dbus/private-bus.conf.in" >"$work/bus.conf"
exec 3< <(exec dbus-daemon --config-file="$work/bus.conf" --nofork --print-address=1 \
    --print-pid=1 2>"$work/bus.log")
read -r address <&3
read -r bus_pid <&3
cleanups=("kill $bus_pid" "${cleanups[@]}")

# Runs a busctl verb on the service's object and interface: call() get-property Version.
call() {
    local verb=$1
    shift
    busctl --address="$address" "$verb" io.github.vitalsd.Vitals1 /io/github/vitalsd/Vitals1 \
        io.github.vitalsd.Vitals1 "$@"
}
version=$(call get-property Version) ||
    fail "the call did not start the daemon: $(cat "$work/bus.log")"
[[ $version == "s \"$VITALSD_VERSION\"" ]] || fail "Version is '$version'"
sensors=$(call call ListSensors) || fail "ListSensors failed"
[[ $sensors == "a(ssss) "[1-9]* ]] || fail "ListSensors returned '$sensors'"
owner=$(busctl --address="$address" status io.github.vitalsd.Vitals1 | sed -n 's/^Exe=//p')
[[ $owner == "$destdir$daemon" ]] || fail "the name is owned by '$owner', not the installed daemon"
call call Shutdown >/dev/null || fail "Shutdown failed"

finish
