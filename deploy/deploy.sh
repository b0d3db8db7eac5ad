#!/usr/bin/env bash
# Switch the wisewallet systemd unit to a new image, and roll back if it never becomes ready.
#
#   wisewallet-deploy REPOSITORY@sha256:DIGEST
#
# Installed on the EC2 host as /usr/local/sbin/wisewallet-deploy (root:root 0755, a copy of
# deploy/deploy.sh); the deploy workflow's self-hosted runner calls it through the one sudoers rule
# in deploy/wisewallet-deploy.sudoers. The runner may pass any argument, so the script only
# accepts a digest reference (never a tag) whose repository is the one pinned, by root, in
# /etc/wisewallet/image-repository (one line, e.g. docker.io/acme/wisewallet; the file and its
# directory must be owned by root and writable by nobody else). Steps:
#   0. check the argument and the pin; refuse anything else before touching the service;
#   1. pull the exact image by digest (fails early, before anything is stopped);
#   2. remember the image that runs now (WISEWALLET_IMAGE in /etc/wisewallet/image.env);
#   3. write the new image there and restart the unit;
#   4. wait, a bounded number of times, until GET /readyz answers 200 from a container of the
#      new image;
#   5. if it never does: write the previous image back, restart, wait again, and exit 1 either
#      way, so the deployment job fails (and says whether the rollback is healthy).
# Cancelled (SIGINT, SIGTERM or SIGHUP: sudo relays them when the GitHub job is cancelled or
# times out) after step 3 started but before the new image was verified ready, it rolls back as
# in step 5 and exits 128 + the signal number. Signals that arrive during a rollback, or once the
# new image is verified, are logged and ignored: neither is left half-done.
#
# Exit status: 0 deployed; 1 failed (rolled back, or nothing to roll back to); 2 argument refused
# (not REPOSITORY@sha256:DIGEST, or not the pinned repository); 3 the pin file is missing or not
# safe (nothing was changed); 129/130/143 cancelled by SIGHUP/SIGINT/SIGTERM.
# The WISEWALLET_* variables below exist for deploy/test-deploy.sh; sudo resets the environment,
# so in production the defaults apply.
set -euo pipefail

readonly unit=${WISEWALLET_UNIT:-wisewallet.service}
readonly container=${WISEWALLET_CONTAINER:-wisewallet}
readonly state_dir=${WISEWALLET_STATE_DIR:-/etc/wisewallet}
readonly image_env="$state_dir/image.env"
readonly history="$state_dir/deploy-history.log"
readonly pin_file="$state_dir/image-repository"
# The owner the pin file and its directory must have: root (tests run as themselves).
readonly pin_owner=${WISEWALLET_PIN_OWNER:-0}
readonly ready_url=${WISEWALLET_READY_URL:-http://127.0.0.1:8000/readyz}
readonly ready_attempts=${WISEWALLET_READY_ATTEMPTS:-60}
readonly ready_interval=${WISEWALLET_READY_INTERVAL:-2}
readonly pull_retry_delay=${WISEWALLET_PULL_RETRY_DELAY:-5}

log() { printf 'wisewallet-deploy: %s\n' "$*" >&2; }
fail() {
    log "FAILED: $*"
    exit 1
}

# [registry[:port]/]namespace/name@sha256:<64 hex>: a digest, never a tag, so the image that was
# built and tested is exactly the image that runs (and that a rollback returns to).
readonly repository_pattern='^[a-z0-9]+([._-][a-z0-9]+)*(:[0-9]+)?(/[a-z0-9]+([._-][a-z0-9]+)*)+$'
readonly image_pattern="${repository_pattern%\$}@sha256:[0-9a-f]{64}\$"

if [[ $# -ne 1 || ! $1 =~ $image_pattern ]]; then
    log "usage: wisewallet-deploy REPOSITORY@sha256:DIGEST (got: ${*:-nothing})"
    exit 2
fi
readonly image=$1

# Docker's short form means Docker Hub: acme/wisewallet is docker.io/acme/wisewallet.
canonical_repository() {
    local first=${1%%/*}
    if [[ $first == *.* || $first == *:* || $first == localhost ]]; then
        printf '%s' "$1"
    else
        printf 'docker.io/%s' "$1"
    fi
}

# The pin is only worth something if the runner cannot change it: a regular file (not a
# symlink), in a directory that only root can write to, owned by root and writable by root only.
# Prints the pinned repository.
read_pin() {
    local path status owner mode line
    if [[ ! -e $pin_file && ! -L $pin_file ]]; then
        log "$pin_file does not exist: create it (root-owned, 0644) with the one repository this host may run, e.g."
        log "  echo docker.io/acme/wisewallet | sudo install -o root -g root -m 0644 /dev/stdin $pin_file"
        return 1
    fi
    if [[ -L $pin_file || ! -f $pin_file ]]; then
        log "$pin_file must be a regular file, not a symlink or anything else"
        return 1
    fi
    for path in "$state_dir" "$pin_file"; do
        status=$(stat --format '%u %a' -- "$path") || return 1
        read -r owner mode <<<"$status"
        if [[ $owner != "$pin_owner" ]]; then
            log "$path is owned by uid $owner, not $pin_owner (root): refusing to trust $pin_file"
            return 1
        fi
        if (((8#$mode & 8#022) != 0)); then
            log "$path is group- or world-writable (mode $mode): refusing to trust $pin_file"
            return 1
        fi
    done
    # The first line that is not blank or a comment; surrounding blanks are ignored.
    line=$(sed -e 's/#.*//' -e 's/^[[:space:]]*//' -e 's/[[:space:]]*$//' -e '/^$/d' -- "$pin_file" | head -n 1)
    if [[ ! $line =~ $repository_pattern ]]; then
        log "$pin_file does not name a repository (want one line such as docker.io/acme/wisewallet; got '${line}')"
        return 1
    fi
    printf '%s' "$line"
}

pinned=$(read_pin) || {
    log "FAILED: refusing to deploy without a safe repository pin; nothing was changed"
    exit 3
}
readonly pinned
if [[ $(canonical_repository "${image%@*}") != "$(canonical_repository "$pinned")" ]]; then
    log "FAILED: $image is not from the pinned repository $pinned ($pin_file); nothing was changed"
    exit 2
fi

# One deployment at a time, even if two workflow runs reach this host.
exec 9>"$state_dir/.deploy.lock"
flock --nonblock 9 || fail "another deployment is in progress"

current_image() {
    [[ -f $image_env ]] || return 0
    sed -n 's/^WISEWALLET_IMAGE=//p' "$image_env" | tail -n 1
}

pull() {
    local attempt
    for attempt in 1 2 3; do
        if docker pull --quiet "$1" >/dev/null; then
            return 0
        fi
        log "pull of $1 failed (attempt $attempt of 3)"
        [[ $attempt -eq 3 ]] || sleep $((attempt * pull_retry_delay))
    done
    return 1
}

# The functions below run as `if` conditions, where bash ignores `set -e`: each step that can
# fail says so explicitly.

# Atomically points the unit at an image: a reader never sees a half-written file.
write_image_env() {
    local tmp
    tmp=$(mktemp "$state_dir/.image.env.XXXXXX") || return 1
    if printf '# Written by wisewallet-deploy at %s; read by wisewallet.service.\nWISEWALLET_IMAGE=%s\n' \
        "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$1" >"$tmp" && chmod 0644 "$tmp" && mv -f "$tmp" "$image_env"; then
        return 0
    fi
    rm -f "$tmp"
    return 1
}

# Where the deployment stands, for the signal handler below:
#   preparing     nothing changed yet (checks, lock, pull)
#   switching     image.env names the new image and the unit is (being) restarted; not yet ready
#   deployed      the new image answered /readyz: it stays
#   rolling-back  switching back to the previous image
phase=preparing

# Ready = /readyz answers 200 *and* the container answering runs the expected image (not, say,
# an old container that has not finished stopping).
wait_ready() {
    local want_id attempt running_id
    want_id=$(docker image inspect --format '{{.Id}}' "$1") || return 1
    for ((attempt = 1; attempt <= ready_attempts; attempt++)); do
        if curl --silent --fail --max-time 3 --output /dev/null "$ready_url"; then
            running_id=$(docker inspect --format '{{.Image}}' "$container" 2>/dev/null || true)
            if [[ $running_id == "$want_id" ]]; then
                # From here on a cancellation no longer undoes the new image.
                [[ $phase != switching ]] || phase=deployed
                log "ready after $attempt check(s)"
                return 0
            fi
        fi
        sleep "$ready_interval"
    done
    return 1
}

switch_to() {
    write_image_env "$1" || return 1
    log "restarting $unit with $1"
    if ! systemctl restart "$unit"; then
        log "systemctl restart $unit failed"
        return 1
    fi
    wait_ready "$1"
}

# Appends to the history; a failure to do so is reported but never stops a deployment or a
# rollback.
record() {
    if ! printf '%s %s %s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$1" "$2" 2>/dev/null >>"$history"; then
        log "could not append '$1 $2' to $history"
    fi
}

# Switches back to $previous; succeeds if it is ready again.
roll_back() {
    log "rolling back to $previous"
    pull "$previous" || log "could not pull $previous again; trying the local copy"
    if switch_to "$previous"; then
        record rolled-back "$previous"
        return 0
    fi
    record rollback-failed "$previous"
    return 1
}

# SIGINT/SIGTERM/SIGHUP (a cancelled or timed-out job; sudo relays them). Bash runs this between
# two commands, so a running `curl`, `sleep` or `systemctl` finishes first (seconds at most).
# shellcheck disable=SC2329 # invoked by the traps below
on_signal() {
    local name=$1 status=$2
    case $phase in
        preparing)
            log "FAILED: cancelled (SIG$name) before anything was changed"
            exit "$status"
            ;;
        deployed | rolling-back)
            # Finishing is quicker and safer than stopping halfway: carry on.
            log "SIG$name received while $phase; finishing that first"
            return 0
            ;;
    esac
    # switching: the unit may already run the new image, which was never verified. Put the
    # previous one back; further signals (the runner follows SIGINT with SIGTERM) are ignored.
    phase=rolling-back
    log "cancelled (SIG$name) after switching to $image but before it was ready"
    record cancelled "$image"
    if [[ -z $previous || $previous == "$image" ]]; then
        log "FAILED: cancelled; there is no other image to roll back to, the unit stays on $image"
    elif roll_back; then
        log "FAILED: cancelled; rolled back to $previous, which is ready"
    else
        log "FAILED: cancelled, and the rollback to $previous did not become ready: the service is DOWN"
    fi
    exit "$status"
}
trap 'on_signal HUP 129' HUP
trap 'on_signal INT 130' INT
trap 'on_signal TERM 143' TERM

previous=$(current_image)
log "deploying $image (previous: ${previous:-none})"

pull "$image" || fail "could not pull $image; nothing was changed"

phase=switching
if switch_to "$image"; then
    record deployed "$image"
    # Unused images older than 30 days go; the running one is in use and stays. A rollback
    # target that was pruned is pulled again by digest.
    docker image prune --all --force --filter "until=720h" >/dev/null || true
    log "deployed $image"
    exit 0
fi
phase=rolling-back

log "$image did not become ready within $((ready_attempts * ready_interval))s; recent logs:"
journalctl --unit "$unit" --lines 50 --no-pager >&2 || true
record failed "$image"

if [[ -z $previous || $previous == "$image" ]]; then
    fail "$image is not ready and there is no previous image to roll back to"
fi

if roll_back; then
    fail "$image never became ready; rolled back to $previous, which is ready"
fi
fail "$image never became ready, and neither did the rollback to $previous: the service is DOWN"
