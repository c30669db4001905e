#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The installed user unit under a real systemd user manager: activated by the first call through
# SystemdService=, its STATUS= shown, restarted after a crash and stopped in a crash loop, killed
# by the watchdog when frozen, stopped through the clean path, sandboxed as the unit says.
#
# The manager runs as root in a mount namespace of its own, where a tmpfs on /run/systemd holds
# the system/ directory that systemd --user wants to see before it starts, and in cgroups of its
# own, with a runtime directory in the test's work directory: it starts its own session bus from
# dbus.socket and takes the unit and the activation file from there. Nothing outside the
# namespace sees /run/systemd/system, and the manager and its cgroups go at exit.
source "$(dirname "$0")/install.sh"

skip() {
    echo "SKIP: $*"
    exit 77
}
((EUID == 0)) || skip "needs root to give a user manager a mount namespace and cgroups"
unified=$(findmnt -n -t cgroup2 -o TARGET | head -n 1)
[[ -n $unified ]] || skip "no cgroup2 mount"
manager=$(command -v /lib/systemd/systemd /usr/lib/systemd/systemd | head -n 1)
[[ -n $manager ]] || skip "no systemd binary"
unshare --mount --propagation private true 2>/dev/null || skip "cannot create a mount namespace"

readonly service=io.github.vitalsd.Vitals1
export XDG_RUNTIME_DIR=$work/runtime
unset DBUS_SESSION_BUS_ADDRESS  # never the machine's bus
mkdir -m 700 "$XDG_RUNTIME_DIR"
units=$XDG_RUNTIME_DIR/systemd/user
mkdir -p "$units/vitalsd.service.d" "$XDG_RUNTIME_DIR/dbus-1/services"
sed "s|^ExecStart=$daemon |ExecStart=$destdir$daemon |" "$destdir$user_unit" >"$units/vitalsd.service"
sed "s|^Exec=$daemon |Exec=$destdir$daemon |" "$destdir$session_activation" \
    >"$XDG_RUNTIME_DIR/dbus-1/services/$service.service"
grep -qxF "SystemdService=vitalsd.service" "$XDG_RUNTIME_DIR/dbus-1/services/$service.service" ||
    fail "the activation file does not hand the start to vitalsd.service"

# The manager's cgroups: under the cgroup2 mount, and under the named systemd hierarchy on a
# hybrid system, which systemd --user also insists on. At exit everything in them is killed.
cgroups=("$unified/vitalsd-test-$$")
[[ $unified != /sys/fs/cgroup && -d /sys/fs/cgroup/systemd ]] &&
    cgroups+=("/sys/fs/cgroup/systemd/vitalsd-test-$$")
for cgroup in "${cgroups[@]}"; do
    mkdir "$cgroup" || skip "cannot create the cgroup $cgroup"
    cleanups=("find '$cgroup' -depth -type d -exec rmdir {} + || true" "${cleanups[@]}")
done
cleanups=("echo 1 >'${cgroups[0]}/cgroup.kill' && sleep 0.2 || true" "${cleanups[@]}")

# In the namespace: a journal of the test's own, as systemd-journald writes it for a manager of
# a desktop session (its files in the work directory, never the machine's), then the manager.
mkdir "$work/journal"
cat >"$work/namespace.sh" <<'EOS'
set -e
mount -t tmpfs tmpfs /run/systemd
mkdir /run/systemd/system
mount -t tmpfs tmpfs /run/log
mkdir /run/log/journal
mount --bind "$journal" /run/log/journal
[ ! -d /var/log/journal ] || mount -t tmpfs tmpfs /var/log/journal
"$journald" &
i=0
until [ -S /run/systemd/journal/stdout ] || [ $((i += 1)) -gt 100 ]; do sleep 0.05; done
exec "$manager" --user
EOS
journald=$(dirname "$manager")/systemd-journald
(
    for cgroup in "${cgroups[@]}"; do
        echo "$BASHPID" >"$cgroup/cgroup.procs"
    done
    export journal=$work/journal journald manager
    # The services get the manager's environment. In a sanitized build, LeakSanitizer's check at
    # exit needs ptrace, which the unit's system call filter forbids: the leak check is left to
    # the tests that run the daemon outside the unit.
    [[ -z ${ASAN_OPTIONS:-} ]] || export ASAN_OPTIONS=$ASAN_OPTIONS:detect_leaks=0
    exec unshare --mount --propagation private sh "$work/namespace.sh"
) >"$work/manager.log" 2>&1 &
disown  # it ends with everything in its cgroups, at exit

# Waits until the command succeeds, at most $1 seconds; returns whether it did.
within() {
    local deadline=$((SECONDS + $1))
    shift
    until "$@" >/dev/null 2>&1; do
        ((SECONDS < deadline)) || return 1
        sleep 0.1
    done
}
unit() { systemctl --user show -P "$1" vitalsd.service; }
is() { [[ $(unit "$1") == "$2" ]]; }
call() { busctl --user call "$service" /io/github/vitalsd/Vitals1 "$service" "$@"; }
property() { busctl --user get-property "$service" /io/github/vitalsd/Vitals1 "$service" "$@"; }
# Prints what the journal holds from the identifier given.
journal() { journalctl -D "$work/journal" --no-pager -o cat -t "$1"; }

within 10 busctl --user status org.freedesktop.DBus ||
    { fail "the manager's session bus did not come: $(cat "$work/manager.log")"; finish; }

# Starts a part of the test afresh: the unit stopped, its drop-in as given (none without
# arguments), its failures and start rate limit forgotten.
phase() {
    systemctl --user stop vitalsd.service
    if (($#)); then
        printf '%s\n' "[Service]" "$@" >"$units/vitalsd.service.d/test.conf"
    else
        rm -f "$units/vitalsd.service.d/test.conf"
    fi
    systemctl --user daemon-reload
    systemctl --user reset-failed vitalsd.service 2>/dev/null || true
}

echo "activation by the first call"
is ActiveState inactive || fail "vitalsd.service is $(unit ActiveState) before any call"
version=$(property Version 2>&1)
[[ $version == "s \"$VITALSD_VERSION\"" ]] || fail "Version gave '$version'"
is ActiveState active || fail "vitalsd.service is $(unit ActiveState) after the first call"
is Type dbus || fail "Type is $(unit Type)"
owner=$(busctl --user status "$service" | sed -n 's/^PID=//p')
is MainPID "$owner" || fail "MainPID $(unit MainPID) does not own the name ($owner)"
within 5 eval 'journal vitalsd | grep -q "serving $service on the session bus .*systemd service"' ||
    fail "the start line is not in the journal: $(journal vitalsd)"

echo "STATUS= as clients come and go"
is StatusText "idle, exiting in 30 s" || fail "StatusText when idle is '$(unit StatusText)'"
"$destdir$client" watch -i 500 load/1 >"$work/watch.log" 2>&1 &
watcher=$!
cleanups=("kill $watcher 2>/dev/null || true" "${cleanups[@]}")
within 5 is StatusText "sampling 1 sensor every 500 ms for 1 client" ||
    fail "StatusText with a subscriber is '$(unit StatusText)'"
kill $watcher
within 5 is StatusText "idle, exiting in 30 s" ||
    fail "StatusText once the subscriber left is '$(unit StatusText)'"

echo "the idle exit and Shutdown end it as a success, and the next call starts it again"
phase "ExecStart=" "ExecStart=$destdir$daemon --session --idle-timeout=1"
property Version >/dev/null || fail "a call did not start it"
within 5 is ActiveState inactive || fail "still $(unit ActiveState) after its idle timeout"
is Result success || fail "the idle exit left Result=$(unit Result)"
property Version >/dev/null || fail "the call after the idle exit did not start it"
is ActiveState active || fail "$(unit ActiveState) after the call that followed the idle exit"
call Shutdown >/dev/null || fail "Shutdown failed"
within 5 is ActiveState inactive || fail "still $(unit ActiveState) after Shutdown"
is Result success || fail "Shutdown left Result=$(unit Result)"

echo "systemctl stop takes the clean path, and no call racing it is lost"
phase
property Version >/dev/null
for i in $(seq 50); do property Version >/dev/null 2>&1 || echo lost; done >"$work/race.log" &
racer=$!
sleep 0.05
# A call that comes after the stop was queued starts the unit again, which may cancel the stop
# job: systemctl then says so and fails, which is systemd's way, not a lost call.
systemctl --user stop vitalsd.service 2>/dev/null || true
wait $racer
[[ ! -s $work/race.log ]] || fail "$(wc -l <"$work/race.log") calls racing the stop got no answer"
phase
is Result success || fail "stop left Result=$(unit Result)"
within 5 eval 'journal vitalsd | grep -q "exiting: signal SIGTERM"' ||
    fail "no clean exit in the journal: $(journal vitalsd)"

echo "the sandbox is in force"
# The probe runs in the unit's sandbox too; bash says why its connection failed.
phase "ExecStartPost=-/bin/bash -c 'exec 3<>/dev/tcp/127.0.0.1/9'"
property Version >/dev/null
pid=$(unit MainPID)
grep -qx "NoNewPrivs:	1" "/proc/$pid/status" || fail "NoNewPrivs is off for the daemon"
grep -qx "Seccomp:	2" "/proc/$pid/status" || fail "the daemon has no seccomp filter"
within 5 eval 'journal bash | grep -q "Address family not supported"' ||
    fail "an AF_INET socket was not refused: $(journal bash)"

echo "systemd-analyze security against the live manager"
readonly stated_exposure=5.9  # README, "Running it"
live_exposure=$(systemd-analyze --user security vitalsd.service |
    sed -n 's/.*Overall exposure level for [^:]*: \([0-9.]*\).*/\1/p')
[[ $live_exposure == "$stated_exposure" ]] ||
    fail "the live unit rates '$live_exposure', the README says $stated_exposure"

echo "a crash is restarted"
phase
property Version >/dev/null
crashed=$(unit MainPID)
kill -KILL "$crashed"
within 5 eval '[[ $(unit MainPID) != 0 && $(unit MainPID) != '"$crashed"' ]]' ||
    fail "not restarted after SIGKILL: $(unit ActiveState), MainPID $(unit MainPID)"
is NRestarts 1 || fail "NRestarts is $(unit NRestarts)"

echo "a crash loop is stopped by the start limit"
phase
property Version >/dev/null
burst=$(unit StartLimitBurst)
for ((kills = 1; kills <= burst + 1; kills++)); do
    crashed=$(unit MainPID)
    kill -KILL "$crashed"
    within 5 eval '[[ $(unit ActiveState) == failed ||
        ($(unit MainPID) != 0 && $(unit MainPID) != '"$crashed"') ]]'
    is ActiveState failed && break
done
# The first start and burst - 1 restarts fill the limit: the restart asked for after the last
# kill is refused.
is ActiveState failed || fail "still $(unit ActiveState) after $kills kills"
((kills == burst)) || fail "the crash loop stopped after $kills kills, StartLimitBurst=$burst"
is NRestarts "$burst" || fail "NRestarts is $(unit NRestarts) after $kills kills"

echo "the watchdog keeps a healthy daemon and kills a frozen one"
phase "WatchdogSec=1" "Restart=no"
property Version >/dev/null
healthy=$(unit MainPID)
sleep 3
is MainPID "$healthy" || fail "a healthy daemon was replaced: $(unit ActiveState) $(unit Result)"
kill -STOP "$healthy"
within 5 is ActiveState failed || fail "a frozen daemon is $(unit ActiveState)"
is Result watchdog || fail "the frozen daemon ended with Result=$(unit Result)"

echo "without a journal, the output goes nowhere and nothing blocks"
phase
for pid in $(find "${cgroups[0]}" -name cgroup.procs -exec cat {} +); do
    [[ $(cat "/proc/$pid/comm" 2>/dev/null) != systemd-journal ]] || kill -KILL "$pid"
done
property Version >/dev/null || fail "no answer without a journal"
pid=$(unit MainPID)
[[ $(readlink "/proc/$pid/fd/2") == /dev/null ]] ||
    fail "without a journal, stderr is $(readlink "/proc/$pid/fd/2")"
call Shutdown >/dev/null || fail "Shutdown failed without a journal"
within 5 is ActiveState inactive || fail "still $(unit ActiveState) after Shutdown without a journal"
is Result success || fail "Shutdown without a journal left Result=$(unit Result)"

finish
