#!/usr/bin/env bash
# Tests deploy/deploy.sh without Docker or systemd: `docker`, `systemctl`, `curl` and
# `journalctl` are stubs that model one container slot, and an image whose name contains
# "broken" never becomes ready. Runs offline in about a second; called by scripts/lint-deploy.sh.
#
#   deploy/test-deploy.sh        prints one line per case and "deploy-test: N passed, M failed"
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# --- stubs --------------------------------------------------------------------------------------
mkdir -p "$work/bin"
cat >"$work/bin/docker" <<'STUB'
#!/usr/bin/env bash
# docker pull | image inspect | inspect | image prune, against the state in $STUB_STATE.
set -euo pipefail
id_of() { printf 'sha256:%s' "$(printf '%s' "$1" | sha256sum | cut -c1-64)"; }
case "$1 ${2:-}" in
    "pull --quiet")
        [[ $3 != *unpullable* ]] || exit 1
        touch "$STUB_STATE/pulled-$(id_of "$3" | cut -c8-)" ;;
    "image inspect")
        [[ -e "$STUB_STATE/pulled-$(id_of "${!#}" | cut -c8-)" ]] || exit 1
        id_of "${!#}" ;;
    "inspect --format")
        [[ -s "$STUB_STATE/running" ]] || exit 1
        id_of "$(cat "$STUB_STATE/running")" ;;
    "image prune") ;;
    *) echo "docker stub: unexpected: $*" >&2; exit 3 ;;
esac
STUB
cat >"$work/bin/systemctl" <<'STUB'
#!/usr/bin/env bash
# systemctl restart UNIT: "starts" the image named in image.env.
set -euo pipefail
[[ $1 == restart ]] || exit 3
sed -n 's/^WISEWALLET_IMAGE=//p' "$WISEWALLET_STATE_DIR/image.env" >"$STUB_STATE/running"
echo "$(cat "$STUB_STATE/running")" >>"$STUB_STATE/restarts"
STUB
cat >"$work/bin/curl" <<'STUB'
#!/usr/bin/env bash
# /readyz: 200 unless the running image is "broken".
[[ -s "$STUB_STATE/running" && $(cat "$STUB_STATE/running") != *broken* ]] || exit 22
STUB
cat >"$work/bin/journalctl" <<'STUB'
#!/usr/bin/env bash
echo "(journal of the stub unit)"
STUB
chmod +x "$work/bin/"*

# --- cases --------------------------------------------------------------------------------------
passed=0
failed=0
digest() { printf 'sha256:%064d' "$1"; }
good1="docker.io/acme/wisewallet@$(digest 1)"
good2="acme/wisewallet@$(digest 2)"
broken="acme/wisewallet-broken@$(digest 3)"
also_broken="acme/wisewallet-broken-too@$(digest 4)"

# Runs deploy.sh in a fresh state dir (optionally with a current image already deployed),
# then checks its exit status and the image the unit ends up pointing at.
check() {
    local name=$1 start=$2 want_status=$3 want_image=$4
    shift 4
    local state="$work/case-$((passed + failed))" status=0 got
    mkdir -p "$state/stub" "$state/etc"
    if [[ -n $start ]]; then
        printf 'WISEWALLET_IMAGE=%s\n' "$start" >"$state/etc/image.env"
        printf '%s' "$start" >"$state/stub/running"
        STUB_STATE="$state/stub" "$work/bin/docker" pull --quiet "$start"
    fi
    PATH="$work/bin:$PATH" STUB_STATE="$state/stub" WISEWALLET_STATE_DIR="$state/etc" \
        WISEWALLET_READY_ATTEMPTS=2 WISEWALLET_READY_INTERVAL=0 WISEWALLET_PULL_RETRY_DELAY=0 \
        bash "$here/deploy.sh" "$@" >"$state/output" 2>&1 || status=$?
    got=$(sed -n 's/^WISEWALLET_IMAGE=//p' "$state/etc/image.env" 2>/dev/null || true)
    if [[ $status == "$want_status" && $got == "$want_image" ]]; then
        passed=$((passed + 1))
        echo "ok   $name"
    else
        failed=$((failed + 1))
        echo "FAIL $name: exit $status (want $want_status), image '$got' (want '$want_image')"
        sed 's/^/     | /' "$state/output"
    fi
}

check "first deployment succeeds" "" 0 "$good1" "$good1"
check "a new image replaces the running one" "$good1" 0 "$good2" "$good2"
check "redeploying the running image is fine" "$good1" 0 "$good1" "$good1"
check "an image that never gets ready is rolled back" "$good1" 1 "$good1" "$broken"
check "a failed first deployment has nothing to roll back to" "" 1 "$broken" "$broken"
check "a failed rollback still fails the job" "$also_broken" 1 "$also_broken" "$broken"
check "an image that cannot be pulled changes nothing" "$good1" 1 "$good1" \
    "acme/unpullable@$(digest 5)"
check "a tag instead of a digest is refused" "$good1" 2 "$good1" "acme/wisewallet:latest"
check "shell metacharacters are refused" "$good1" 2 "$good1" "acme/x@$(digest 6);reboot"
check "no argument is a usage error" "" 2 ""

echo "deploy-test: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
