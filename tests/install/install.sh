# SPDX-License-Identifier: MIT
# Sourced by the install tests: installs the build into a DESTDIR of the test's own ($destdir),
# in a work directory ($work) removed at exit. meson test sets the VITALSD_* variables: the build,
# and the installed paths meson configured.
set -euo pipefail

work=$(mktemp -d "$VITALSD_TEST_DIR/install-XXXXXX")
cleanups=("rm -rf '$work'")
trap 'for cleanup in "${cleanups[@]}"; do eval "$cleanup"; done' EXIT
destdir=$work/destdir
"$VITALSD_MESON" install -C "$VITALSD_BUILD_ROOT" --destdir "$destdir" --no-rebuild --quiet

daemon=$VITALSD_LIBEXECDIR/vitalsd
session_activation=$VITALSD_SESSION_SERVICES_DIR/io.github.vitalsd.Vitals1.service
system_activation=$VITALSD_SYSTEM_SERVICES_DIR/io.github.vitalsd.Vitals1.service
policy=$VITALSD_SYSTEM_POLICY_DIR/io.github.vitalsd.Vitals1.conf
user_unit=$VITALSD_USER_UNIT_DIR/vitalsd.service
system_unit=$VITALSD_SYSTEM_UNIT_DIR/vitalsd-system.service
sysusers=$VITALSD_SYSUSERS_DIR/vitalsd.conf
interface=$VITALSD_INTERFACES_DIR/io.github.vitalsd.Vitals1.xml
man_page=$VITALSD_MANDIR/man8/vitalsd.8
client=$VITALSD_BINDIR/vitalsctl
exporter=$VITALSD_SBINDIR/vitals-exporter
exporter_socket=$VITALSD_SYSTEM_UNIT_DIR/vitals-exporter.socket
exporter_unit=$VITALSD_SYSTEM_UNIT_DIR/vitals-exporter.service
exporter_man_page=$VITALSD_MANDIR/man8/vitals-exporter.8
client_man_page=$VITALSD_MANDIR/man1/vitalsctl.1
bash_completion=$VITALSD_DATADIR/bash-completion/completions/vitalsctl
zsh_completion=$VITALSD_DATADIR/zsh/site-functions/_vitalsctl
desktop_client=()
if [[ -n $VITALSD_GUI ]]; then
    desktop_client=("$VITALSD_BINDIR/vitals-monitor"
                    "$VITALSD_DATADIR/applications/io.github.vitalsd.Monitor.desktop"
                    "$VITALSD_DATADIR/icons/hicolor/scalable/apps/io.github.vitalsd.Monitor.svg")
fi

failures=0
fail() {
    echo "FAIL: $*" >&2
    failures=$((failures + 1))
}

# Ends the test: passes when nothing failed.
finish() {
    if ((failures)); then
        echo "$failures check(s) failed" >&2
        exit 1
    fi
    echo "all checks passed"
}

# Checks that an installed file (path without the DESTDIR) has the exact line.
has_line() {
    grep -qxF -- "$2" "$destdir$1" || fail "$1 lacks the line '$2'"
}
