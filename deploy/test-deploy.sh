#!/usr/bin/env bash
# Tests deploy/deploy.sh without Docker or systemd: `docker`, `systemctl`, `curl` and
# `journalctl` are stubs that model one container slot. An image whose digest starts with "bad"
# never becomes ready, one whose digest starts with "dead" cannot be pulled, and the stubs can
# send deploy.sh a signal (as sudo relays it when the GitHub job is cancelled) while it pulls or
# waits for readiness. Each case gets its own state directory with a repository pin
# (image-repository) owned by the user running the tests, who stands in for root.
# Runs offline in a few seconds; called by scripts/lint-deploy.sh.
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
# STUB_SIGNAL_ON_PULL=SIG: the pull sends SIG to its caller (deploy.sh) first.
set -euo pipefail
id_of() { printf 'sha256:%s' "$(printf '%s' "$1" | sha256sum | cut -c1-64)"; }
case "$1 ${2:-}" in
    "pull --quiet")
        if [[ -n ${STUB_SIGNAL_ON_PULL:-} ]]; then kill -s "$STUB_SIGNAL_ON_PULL" "$PPID"; fi
        [[ $3 != *@sha256:dead* ]] || exit 1
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
# /readyz: 200 unless the running image's digest starts with "bad".
# STUB_SIGNAL_ON_READY=SIG: on the first check of the running image $STUB_SIGNAL_IMAGE (of every
# image, if that is empty), send SIG to the caller (deploy.sh) and answer 503, as if the job were
# cancelled mid-wait.
running=$(cat "$STUB_STATE/running" 2>/dev/null || true)
if [[ -n ${STUB_SIGNAL_ON_READY:-} && ( -z ${STUB_SIGNAL_IMAGE:-} || $running == "$STUB_SIGNAL_IMAGE" ) ]]; then
    marker="$STUB_STATE/signalled-$(printf '%s' "$running" | sha256sum | cut -c1-16)"
    if [[ ! -e $marker ]]; then
        touch "$marker"
        kill -s "$STUB_SIGNAL_ON_READY" "$PPID"
        exit 22
    fi
fi
[[ -n $running && $running != *@sha256:bad* ]] || exit 22
STUB
cat >"$work/bin/journalctl" <<'STUB'
#!/usr/bin/env bash
echo "(journal of the stub unit)"
STUB
chmod +x "$work/bin/"*

# --- cases --------------------------------------------------------------------------------------
passed=0
failed=0
me=$(id -u)
digest() { printf 'sha256:%064d' "$1"; }
# Digests the stubs treat specially: never ready ("bad...") and not pullable ("dead...").
bad_digest() { printf 'sha256:bad%061d' "$1"; }
dead_digest() { printf 'sha256:dead%060d' "$1"; }
repo=docker.io/acme/wisewallet
good1="$repo@$(digest 1)"
# The same repository in Docker's short form.
good2="acme/wisewallet@$(digest 2)"
broken="$repo@$(bad_digest 3)"
also_broken="$repo@$(bad_digest 4)"

# Per-case settings; check() resets them after each case.
pin="$repo"           # the pin file's content; "-" = no pin file
pin_mode=0644
dir_mode=0755
pin_owner=$me         # the owner deploy.sh demands (root in production)
pin_symlink=""        # non-empty: the pin file is a symlink to a file with $pin
want_restarts=""      # non-empty: the images the unit was restarted with, in order (space-separated;
                      # "-" = no restart at all)
want_output=""        # non-empty: a fixed string deploy.sh's output must contain
stub_env=()           # extra VAR=value for the stubs
reset_case() {
    pin="$repo" pin_mode=0644 dir_mode=0755 pin_owner=$me pin_symlink=""
    want_restarts="" want_output="" stub_env=()
}

# Runs deploy.sh in a fresh state dir (optionally with a current image already deployed),
# then checks its exit status and the image the unit ends up pointing at.
check() {
    local name=$1 start=$2 want_status=$3 want_image=$4
    shift 4
    local state="$work/case-$((passed + failed))" status=0 got restarts problems=()
    mkdir -p "$state/stub" "$state/etc"
    if [[ $pin != - ]]; then
        if [[ -n $pin_symlink ]]; then
            printf '%s\n' "$pin" >"$state/elsewhere"
            ln -s "$state/elsewhere" "$state/etc/image-repository"
        else
            printf '# the one repository this host runs\n%s\n' "$pin" >"$state/etc/image-repository"
            chmod "$pin_mode" "$state/etc/image-repository"
        fi
    fi
    chmod "$dir_mode" "$state/etc"
    if [[ -n $start ]]; then
        printf 'WISEWALLET_IMAGE=%s\n' "$start" >"$state/etc/image.env"
        printf '%s' "$start" >"$state/stub/running"
        STUB_STATE="$state/stub" "$work/bin/docker" pull --quiet "$start"
    fi
    env PATH="$work/bin:$PATH" STUB_STATE="$state/stub" WISEWALLET_STATE_DIR="$state/etc" \
        WISEWALLET_PIN_OWNER="$pin_owner" WISEWALLET_READY_ATTEMPTS=2 WISEWALLET_READY_INTERVAL=0 \
        WISEWALLET_PULL_RETRY_DELAY=0 "${stub_env[@]}" \
        bash "$here/deploy.sh" "$@" >"$state/output" 2>&1 || status=$?
    got=$(sed -n 's/^WISEWALLET_IMAGE=//p' "$state/etc/image.env" 2>/dev/null || true)
    restarts=-
    [[ ! -f $state/stub/restarts ]] || restarts=$(tr '\n' ' ' <"$state/stub/restarts")
    [[ $status == "$want_status" ]] || problems+=("exit $status (want $want_status)")
    [[ $got == "$want_image" ]] || problems+=("image '$got' (want '$want_image')")
    if [[ -n $want_restarts && ${restarts% } != "$want_restarts" ]]; then
        problems+=("restarts '${restarts% }' (want '$want_restarts')")
    fi
    if [[ -n $want_output ]] && ! grep --quiet --fixed-strings -- "$want_output" "$state/output"; then
        problems+=("output lacks '$want_output'")
    fi
    if ((${#problems[@]} == 0)); then
        passed=$((passed + 1))
        echo "ok   $name"
    else
        failed=$((failed + 1))
        echo "FAIL $name: ${problems[*]}"
        sed 's/^/     | /' "$state/output"
    fi
    reset_case
}

# Deploy and roll back.
check "first deployment succeeds" "" 0 "$good1" "$good1"
check "a new image replaces the running one" "$good1" 0 "$good2" "$good2"
check "redeploying the running image is fine" "$good1" 0 "$good1" "$good1"
want_restarts="$broken $good1"
check "an image that never gets ready is rolled back" "$good1" 1 "$good1" "$broken"
check "a failed first deployment has nothing to roll back to" "" 1 "$broken" "$broken"
check "a failed rollback still fails the job" "$also_broken" 1 "$also_broken" "$broken"
want_restarts="-"
check "an image that cannot be pulled changes nothing" "$good1" 1 "$good1" "$repo@$(dead_digest 5)"

# The argument.
check "a tag instead of a digest is refused" "$good1" 2 "$good1" "$repo:latest"
check "a tag and a digest together are refused" "$good1" 2 "$good1" "$repo:1.0@$(digest 6)"
check "shell metacharacters are refused" "$good1" 2 "$good1" "$repo@$(digest 6);reboot"
check "no argument is a usage error" "" 2 ""
want_output="not from the pinned repository"
check "another repository is refused" "$good1" 2 "$good1" "docker.io/acme/wisewallet-evil@$(digest 7)"
want_output="not from the pinned repository"
check "the same name on another registry is refused" "$good1" 2 "$good1" "ghcr.io/acme/wisewallet@$(digest 7)"
want_output="not from the pinned repository"
check "a repository that only starts like the pinned one is refused" "$good1" 2 "$good1" \
    "docker.io/acme/wisewallet/x@$(digest 7)"
pin="acme/wisewallet"
check "a pin in Docker's short form matches docker.io" "$good1" 0 "$repo@$(digest 8)" "$repo@$(digest 8)"

# The pin file.
pin="-" want_output="does not exist"
check "a missing pin file refuses every image" "$good1" 3 "$good1" "$good2"
pin="-" want_output="does not exist"
check "a missing pin file refuses a first deployment" "" 3 "" "$good2"
pin_owner=$((me + 1)) want_output="is owned by uid $me"
check "a pin file not owned by root is refused" "$good1" 3 "$good1" "$good2"
pin_mode=0664 want_output="group- or world-writable"
check "a group-writable pin file is refused" "$good1" 3 "$good1" "$good2"
pin_mode=0646 want_output="group- or world-writable"
check "a world-writable pin file is refused" "$good1" 3 "$good1" "$good2"
dir_mode=0777 want_output="group- or world-writable"
check "a pin in a world-writable directory is refused" "$good1" 3 "$good1" "$good2"
pin_symlink=1 want_output="not a symlink"
check "a pin file that is a symlink is refused" "$good1" 3 "$good1" "$good2"
pin="  " want_output="does not name a repository"
check "an empty pin file is refused" "$good1" 3 "$good1" "$good2"
pin="docker.io/acme/wisewallet:latest" want_output="does not name a repository"
check "a pin with a tag is refused" "$good1" 3 "$good1" "$good2"

# Cancellation (the signal sudo relays when the job is cancelled) between restart and readiness.
for signal in INT TERM HUP; do
    stub_env=(STUB_SIGNAL_ON_READY="$signal" STUB_SIGNAL_IMAGE="$good2")
    want_restarts="$good2 $good1" want_output="rolled back to $good1, which is ready"
    check "SIG$signal between restart and readiness rolls back" "$good1" \
        "$((128 + $(kill -l "$signal")))" "$good1" "$good2"
done
# The runner follows SIGINT with SIGTERM: a signal on the new image's readiness check, and
# another on the rollback's.
stub_env=(STUB_SIGNAL_ON_READY=TERM)
want_restarts="$good2 $good1" want_output="SIGTERM received while rolling-back"
check "signals during the rollback do not stop it" "$good1" 143 "$good1" "$good2"
stub_env=(STUB_SIGNAL_ON_READY=TERM STUB_SIGNAL_IMAGE="$good2")
want_restarts="$good2" want_output="no other image to roll back to"
check "a cancelled first deployment fails, with nothing to roll back to" "" 143 "$good2" "$good2"
stub_env=(STUB_SIGNAL_ON_PULL=INT)
want_restarts="-" want_output="before anything was changed"
check "a cancellation while pulling changes nothing" "$good1" 130 "$good1" "$good2"
stub_env=(STUB_SIGNAL_ON_READY=TERM STUB_SIGNAL_IMAGE="$good1")
want_restarts="$broken $good1" want_output="SIGTERM received while rolling-back"
check "a cancellation during the automatic rollback does not stop it" "$good1" 1 "$good1" "$broken"

echo "deploy-test: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
