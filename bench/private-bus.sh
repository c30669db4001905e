# SPDX-License-Identifier: MIT
# Sourced by the bench scripts: a private session bus of their own (a dbus-daemon from
# dbus/private-bus.conf.in in a temporary directory), whose service directory activates the built
# vitalsd; a script adds other services by writing files into $dir/services. Everything the
# scripts measure talks to this bus alone, never to the machine's buses.
#   start_private_bus [COMMAND...]   starts it, under COMMAND (env ...) if given; sets dir,
#                                    bus_pid and DBUS_SESSION_BUS_ADDRESS
#   stop_private_bus                 stops vitalsd and the bus and removes $dir (kept and named
#                                    with VITALSD_BENCH_KEEP set); call it from the EXIT trap
# and helpers over the bus and over a process's /proc files.

start_private_bus() {
    dir=$(mktemp -d "${TMPDIR:-/tmp}/vitalsd-bench.XXXXXX")
    mkdir "$dir/services"
    printf '[D-BUS Service]\nName=io.github.vitalsd.Vitals1\nExec=%s\n' "$vitalsd" \
        >"$dir/services/io.github.vitalsd.Vitals1.service"
    sed -e "s|@BUS_DIR@|$dir|g" -e "s|@SERVICE_DIR@|$dir/services|g" dbus/private-bus.conf.in \
        >"$dir/bus.conf"
    "$@" dbus-daemon --config-file="$dir/bus.conf" --nofork --print-address=3 3>"$dir/address" \
        >"$dir/bus.log" 2>&1 &
    bus_pid=$!
    for _ in $(seq 100); do [[ -s $dir/address ]] && break; sleep 0.05; done
    export DBUS_SESSION_BUS_ADDRESS
    DBUS_SESSION_BUS_ADDRESS=$(head -1 "$dir/address")
    unset DBUS_SYSTEM_BUS_ADDRESS
}

stop_private_bus() {
    local pid
    pid=$(pid_of io.github.vitalsd.Vitals1 2>/dev/null) && [[ -n $pid ]] && kill "$pid" 2>/dev/null
    [[ -n ${bus_pid:-} ]] && kill "$bus_pid" 2>/dev/null
    wait 2>/dev/null
    if [[ -n ${VITALSD_BENCH_KEEP:-} ]]; then echo "kept $dir" >&2; else rm -rf "$dir"; fi
}

bus() { busctl --address="$DBUS_SESSION_BUS_ADDRESS" "$@"; }
pid_of() {  # NAME -> the pid of its owner, or nothing
    bus call org.freedesktop.DBus /org/freedesktop/DBus org.freedesktop.DBus \
        GetConnectionUnixProcessID s "$1" 2>/dev/null | awk '{ print $2 }' || true
}
wait_gone() { for _ in $(seq 400); do [[ -d /proc/$1 ]] || return 0; sleep 0.025; done; return 1; }
vitals() {  # METHOD [SIGNATURE ARGS...]: calls vitalsd
    bus call io.github.vitalsd.Vitals1 /io/github/vitalsd/Vitals1 io.github.vitalsd.Vitals1 "$@"
}
cpu_ns() { awk '{ print $1 }' "/proc/$1/schedstat"; }  # on-CPU time, nanoseconds
stat_ticks() { awk '{ sub(/.*\) /, ""); print $12 + $13 }' "/proc/$1/stat"; }  # utime + stime
switches() { awk '/ctxt_switches/ { n += $2 } END { print n }' "/proc/$1/status"; }
rss_kb() { awk '/^VmRSS/ { print $2 }' "/proc/$1/status"; }
