#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# meson install puts exactly the expected files where the build says, and every Exec= names the
# installed daemon.
source "$(dirname "$0")/install.sh"

expected=$(printf '%s\n' "$daemon" "$session_activation" "$system_activation" "$policy" \
    "$user_unit" "$system_unit" "$sysusers" "$interface" "$man_page" "$client" "$exporter" \
    "$exporter_socket" "$exporter_unit" "$exporter_man_page" \
    "$client_man_page" "$bash_completion" "$zsh_completion" "${desktop_client[@]}" | sort)
installed=$(cd "$destdir" && find . ! -type d | sed 's|^\.||' | sort)
[[ $installed == "$expected" ]] ||
    fail "installed files differ from the expected ones:" \
        "$(diff <(echo "$expected") <(echo "$installed"))"

[[ -x $destdir$daemon ]] || fail "$daemon is not executable"
[[ -x $destdir$client ]] || fail "$client is not executable"
[[ -x $destdir$exporter ]] || fail "$exporter is not executable"
version=$("$destdir$daemon" --version) || fail "$daemon --version failed"
[[ $version == "vitalsd $VITALSD_VERSION" ]] || fail "$daemon --version says '$version'"

has_line "$session_activation" "Name=io.github.vitalsd.Vitals1"
has_line "$session_activation" "Exec=$daemon --session"
has_line "$session_activation" "SystemdService=vitalsd.service"
has_line "$system_activation" "Name=io.github.vitalsd.Vitals1"
has_line "$system_activation" "Exec=/bin/false"
has_line "$system_activation" "User=root"
has_line "$system_activation" "SystemdService=vitalsd-system.service"

has_line "$user_unit" "Type=dbus"
has_line "$user_unit" "BusName=io.github.vitalsd.Vitals1"
has_line "$user_unit" "ExecStart=$daemon --session"
has_line "$system_unit" "Type=dbus"
has_line "$system_unit" "BusName=io.github.vitalsd.Vitals1"
has_line "$system_unit" "ExecStart=$daemon --system"
has_line "$system_unit" "DynamicUser=yes"

has_line "$exporter_socket" "ListenStream=127.0.0.1:10129"
has_line "$exporter_unit" "ExecStart=$exporter --system"
has_line "$exporter_unit" "DynamicUser=yes"

# The user the system unit runs as is the one sysusers.d creates and the policy lets own the name.
has_line "$system_unit" "User=vitalsd"
grep -qE '^u vitalsd ' "$destdir$sysusers" || fail "$sysusers does not create the user vitalsd"
grep -q '<policy user="vitalsd">' "$destdir$policy" || fail "$policy does not name vitalsd"

# Every command any installed file runs is the installed daemon; only the system bus's
# activation file says /bin/false, since only systemd may start the sandboxed system service,
# the desktop entry names vitals-monitor, which the desktop finds on the PATH (bindir), and the
# exporter's unit runs the installed exporter.
while IFS= read -r match; do
    file=${match%%:*}
    command=${match#*:}
    command=${command#*=}
    program=${command%% *}
    if [[ $program != "$daemon" &&
        ! ($file == "$destdir$system_activation" && $program == /bin/false) &&
        ! ($file == *.desktop && $program == vitals-monitor &&
            -x $destdir$VITALSD_BINDIR/vitals-monitor) &&
        ! ($file == "$destdir$exporter_unit" && $program == "$exporter") ]]; then
        fail "${file#"$destdir"} runs '$command'"
    fi
done < <(grep -rIE '^(Exec|ExecStart|ExecStartPre|ExecStop|ExecReload)=' "$destdir")

cmp -s "$VITALSD_SOURCE_ROOT/dbus/io.github.vitalsd.Vitals1.xml" "$destdir$interface" ||
    fail "$interface is not the contract in dbus/"
for page in "$man_page" "$exporter_man_page"; do
    warnings=$(LC_ALL=C.UTF-8 groff -man -Tutf8 -ww -z "$destdir$page" 2>&1) ||
        fail "$page does not render"
    [[ -z $warnings ]] || fail "$page renders with warnings: $warnings"
done

finish
