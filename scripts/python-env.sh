#!/usr/bin/env bash
# Ensures the Python venv that scripts/holidays.py and tests/ics_check.py run in, and prints the
# path of its python as the last line on stdout:
#
#   PY=$(scripts/python-env.sh)
#   "$PY" scripts/holidays.py check
#
# The venv lives at ${XDG_CACHE_HOME:-~/.cache}/wisewallet/py-venv with the pinned packages below
# from PyPI: `holidays` is the reference for the business-day calendars (DESIGN.md §1, "Business
# days and holidays": version 0.108 exactly), `icalendar` parses the calendar feed in the tests.
# It is created on first use and reused afterwards; changing $pins reinstalls it. A lock file
# keeps parallel test processes from building it twice. Progress messages go to stderr.
#
# It can also be sourced (`. scripts/python-env.sh`), which sets $WISEWALLET_PY instead of
# printing.
set -euo pipefail

wisewallet_py_cache=${XDG_CACHE_HOME:-$HOME/.cache}/wisewallet
wisewallet_py_venv=$wisewallet_py_cache/py-venv
wisewallet_py_pins="holidays==0.108 icalendar==7.3.2"

wisewallet_ensure_py_venv() {
    local cache=$wisewallet_py_cache venv=$wisewallet_py_venv pins=$wisewallet_py_pins
    mkdir -p "$cache"
    (
        exec 9>"$cache/py-venv.lock"
        flock 9
        if [[ -x $venv/bin/python && -f $venv/.pins && $(cat "$venv/.pins") == "$pins" ]]; then
            exit 0
        fi
        if ! command -v python3 >/dev/null 2>&1; then
            echo "python-env: python3 not found; install it (Debian/Ubuntu: apt-get install python3 python3-venv)" >&2
            exit 1
        fi
        # Debian's python3 has the venv module but not ensurepip without python3-venv, so
        # `python3 -m venv` would fail halfway; check both up front.
        if ! python3 -c 'import venv, ensurepip' >/dev/null 2>&1; then
            echo "python-env: python3 cannot create a venv; install it with: apt-get install python3-venv" >&2
            exit 1
        fi
        echo "python-env: installing $pins into $venv" >&2
        rm -rf "$venv"
        if ! python3 -m venv "$venv" >&2; then
            echo "python-env: python3 -m venv failed; install it with: apt-get install python3-venv" >&2
            rm -rf "$venv"
            exit 1
        fi
        # shellcheck disable=SC2086 # $pins is a list of requirement specifiers
        if ! "$venv/bin/pip" install --quiet --disable-pip-version-check $pins >&2; then
            echo "python-env: pip install $pins failed (needs PyPI access)" >&2
            rm -rf "$venv"
            exit 1
        fi
        printf '%s' "$pins" >"$venv/.pins"
    )
}

wisewallet_ensure_py_venv
WISEWALLET_PY=$wisewallet_py_venv/bin/python
export WISEWALLET_PY

# Executed (not sourced): print the interpreter for `PY=$(scripts/python-env.sh)`.
if [[ ${BASH_SOURCE[0]} == "$0" ]]; then
    printf '%s\n' "$WISEWALLET_PY"
fi
