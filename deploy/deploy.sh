#!/usr/bin/env bash
# Switch the wisewallet systemd unit to a new image, and roll back if it never becomes ready.
#
#   wisewallet-deploy IMAGE@sha256:DIGEST
#
# Installed on the EC2 host as /usr/local/sbin/wisewallet-deploy (root:root 0755, a copy of
# deploy/deploy.sh); the deploy workflow's self-hosted runner calls it through the one sudoers rule
# in deploy/wisewallet-deploy.sudoers. Steps:
#   1. pull the exact image by digest (fails early, before anything is stopped);
#   2. remember the image that runs now (WISEWALLET_IMAGE in /etc/wisewallet/image.env);
#   3. write the new image there and restart the unit;
#   4. wait, a bounded number of times, until GET /readyz answers 200 from a container of the
#      new image;
#   5. if it never does: write the previous image back, restart, wait again, and exit 1 either
#      way, so the deployment job fails (and says whether the rollback is healthy).
#
# Exit status: 0 deployed; 1 failed (rolled back, or nothing to roll back to); 2 usage error.
# The WISEWALLET_* variables below exist for deploy/test-deploy.sh; sudo resets the environment,
# so in production the defaults apply.
set -euo pipefail

readonly unit=${WISEWALLET_UNIT:-wisewallet.service}
readonly container=${WISEWALLET_CONTAINER:-wisewallet}
readonly state_dir=${WISEWALLET_STATE_DIR:-/etc/wisewallet}
readonly image_env="$state_dir/image.env"
readonly history="$state_dir/deploy-history.log"
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
readonly image_pattern='^[a-z0-9]+([._-][a-z0-9]+)*(:[0-9]+)?(/[a-z0-9]+([._-][a-z0-9]+)*)+@sha256:[0-9a-f]{64}$'

if [[ $# -ne 1 || ! $1 =~ $image_pattern ]]; then
    log "usage: wisewallet-deploy REPOSITORY@sha256:DIGEST (got: ${*:-nothing})"
    exit 2
fi
readonly image=$1

install -d -m 0755 "$state_dir"
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

# Ready = /readyz answers 200 *and* the container answering runs the expected image (not, say,
# an old container that has not finished stopping).
wait_ready() {
    local want_id attempt running_id
    want_id=$(docker image inspect --format '{{.Id}}' "$1") || return 1
    for ((attempt = 1; attempt <= ready_attempts; attempt++)); do
        if curl --silent --fail --max-time 3 --output /dev/null "$ready_url"; then
            running_id=$(docker inspect --format '{{.Image}}' "$container" 2>/dev/null || true)
            if [[ $running_id == "$want_id" ]]; then
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

record() {
    printf '%s %s %s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$1" "$2" >>"$history"
}

previous=$(current_image)
log "deploying $image (previous: ${previous:-none})"

pull "$image" || fail "could not pull $image; nothing was changed"

if switch_to "$image"; then
    record deployed "$image"
    # Unused images older than 30 days go; the running one is in use and stays. A rollback
    # target that was pruned is pulled again by digest.
    docker image prune --all --force --filter "until=720h" >/dev/null || true
    log "deployed $image"
    exit 0
fi

log "$image did not become ready within $((ready_attempts * ready_interval))s; recent logs:"
journalctl --unit "$unit" --lines 50 --no-pager >&2 || true
record failed "$image"

if [[ -z $previous || $previous == "$image" ]]; then
    fail "$image is not ready and there is no previous image to roll back to"
fi

log "rolling back to $previous"
pull "$previous" || log "could not pull $previous again; trying the local copy"
if switch_to "$previous"; then
    record rolled-back "$previous"
    fail "$image never became ready; rolled back to $previous, which is ready"
fi
record rollback-failed "$previous"
fail "$image never became ready, and neither did the rollback to $previous: the service is DOWN"
