#!/usr/bin/env bash
# Tests deploy/deploy.sh without Docker or systemd, and deploy/publish-frontend.sh without AWS
# (an `aws` stub with a directory as the bucket; see the end). For deploy.sh, `docker`, `systemctl`, `curl` and
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
# deploy.sh runs with SIGHUP's default disposition: a shell that starts with a signal ignored
# (under `nohup`, say) cannot trap it, and the SIGHUP case below would then fail because of how
# the tests were started. GNU env (coreutils 8.31 and later) can restore it.
default_hup=()
if env --default-signal=HUP true 2>/dev/null; then
    default_hup=(--default-signal=HUP)
fi

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
    env "${default_hup[@]}" PATH="$work/bin:$PATH" STUB_STATE="$state/stub" WISEWALLET_STATE_DIR="$state/etc" \
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

# --- publish-frontend.sh ------------------------------------------------------------------------
# An `aws` stub with a directory as the bucket. It models what the script relies on: filters
# (in order, the last match wins, `*` matches `/`), sync skipping an object whose size is the
# same and that is not older than the file (keeping its old metadata), --delete limited to what
# the filters select, cp --recursive, and metadata per object. Every upload, deletion and
# CloudFront call is logged, in order.
cat >"$work/bin/aws" <<'STUB'
#!/usr/bin/env python3
import fnmatch, os, shutil, sys
bucket, log = os.environ["STUB_BUCKET"], os.environ["STUB_AWS_LOG"]
meta_dir = bucket + ".meta"
def note(line):
    with open(log, "a") as f:
        f.write(line + "\n")
args = sys.argv[1:]
if args[:2] == ["cloudfront", "create-invalidation"]:
    paths = args[args.index("--paths") + 1:args.index("--query")]
    note("invalidate " + " ".join(paths))
    print("I2STUB")
    sys.exit(0)
if args[:2] == ["cloudfront", "wait"]:
    note("wait " + args[2])
    sys.exit(0)
if args[0] != "s3" or args[1] not in ("sync", "cp"):
    sys.exit("aws stub: unexpected: " + " ".join(args))
command, src, dst = args[1], args[2], args[3]
filters, opts, i = [], {}, 4
while i < len(args):
    a = args[i]
    if a in ("--exclude", "--include"):
        filters.append((a, args[i + 1])); i += 2
    elif a in ("--cache-control", "--content-type"):
        opts[a] = args[i + 1]; i += 2
    elif a in ("--delete", "--recursive", "--no-progress", "--only-show-errors"):
        opts[a] = True; i += 1
    else:
        sys.exit("aws stub: unexpected option " + a)
assert dst.startswith("s3://stub-bucket"), dst
prefix = dst[len("s3://stub-bucket"):].strip("/")
def selected(rel):
    keep = True
    for kind, pattern in filters:
        if fnmatch.fnmatchcase(rel, pattern):
            keep = kind == "--include"
    return keep
def put(path, key):
    target = os.path.join(bucket, key)
    os.makedirs(os.path.dirname(target), exist_ok=True)
    shutil.copyfile(path, target)
    os.makedirs(os.path.dirname(os.path.join(meta_dir, key)), exist_ok=True)
    with open(os.path.join(meta_dir, key), "w") as f:
        f.write("%s|%s" % (opts.get("--cache-control", ""), opts.get("--content-type", "")))
    note("put " + key)
if command == "cp" and "--recursive" not in opts:
    put(src, prefix)
    sys.exit(0)
def walk(root):
    out = {}
    for d, _, files in os.walk(root):
        for name in files:
            full = os.path.join(d, name)
            out[os.path.relpath(full, root)] = full
    return out
local = {rel: full for rel, full in walk(src).items() if selected(rel)}
remote_root = os.path.join(bucket, prefix)
remote = {rel: full for rel, full in walk(remote_root).items() if selected(rel)} if os.path.isdir(remote_root) else {}
for rel in sorted(local):
    key = os.path.join(prefix, rel) if prefix else rel
    if command == "sync" and rel in remote:
        same_size = os.path.getsize(local[rel]) == os.path.getsize(remote[rel])
        if same_size and os.path.getmtime(local[rel]) <= os.path.getmtime(remote[rel]):
            continue
    put(local[rel], key)
if command == "sync" and "--delete" in opts:
    for rel in sorted(set(remote) - set(local)):
        key = os.path.join(prefix, rel) if prefix else rel
        os.remove(remote[rel])
        note("delete " + key)
STUB
chmod +x "$work/bin/aws"

# A dist as Vite builds it, plus a nested page; a bucket holding the previous version.
pub="$work/publish"
mkdir -p "$pub/dist/assets" "$pub/dist/help" "$pub/bucket/assets" "$pub/bucket.meta/assets"
printf '<!doctype html>new' >"$pub/dist/index.html"
printf 'js' >"$pub/dist/assets/index-abc123.js"
printf 'css' >"$pub/dist/assets/index-abc123.css"
printf 'chunk' >"$pub/dist/assets/BalanceChart-def456.js"
printf '<svg/>' >"$pub/dist/favicon.svg"
printf 'User-agent: *' >"$pub/dist/robots.txt"
printf '<!doctype html>help' >"$pub/dist/help/page.html"
printf '<!doctype html>legal' >"$pub/dist/legal.html"
old_object() { # KEY CONTENT CACHE-CONTROL
    printf '%s' "$2" >"$pub/bucket/$1"
    printf '%s|' "$3" >"$pub/bucket.meta/$1"
}
old_object index.html '<!doctype html>old' no-cache
old_object assets/index-old999.js 'old js' "public, max-age=31536000, immutable"
old_object stale.html '<!doctype html>gone' no-cache
old_object stale.txt 'gone' "public, max-age=300"
# Unchanged since the last upload, which gave it a short cache: sync alone would skip it.
old_object legal.html '<!doctype html>legal' "public, max-age=300"
touch -d '+1 minute' "$pub/bucket/legal.html"

status=0
env PATH="$work/bin:$PATH" STUB_BUCKET="$pub/bucket" STUB_AWS_LOG="$pub/aws.log" \
    S3_BUCKET=stub-bucket CLOUDFRONT_DISTRIBUTION_ID=E2STUB \
    bash "$here/publish-frontend.sh" "$pub/dist" >"$pub/output" 2>&1 || status=$?

# expect NAME CONDITION...: one publish-frontend case.
expect() {
    local name=$1
    shift
    if "$@"; then
        passed=$((passed + 1))
        echo "ok   publish-frontend: $name"
    else
        failed=$((failed + 1))
        echo "FAIL publish-frontend: $name"
        sed 's/^/     | /' "$pub/output" "$pub/aws.log" 2>/dev/null || true
    fi
}
cache_of() { cut -d'|' -f1 "$pub/bucket.meta/$1" 2>/dev/null; }
type_of() { cut -d'|' -f2 "$pub/bucket.meta/$1" 2>/dev/null; }
all_cached() { # CACHE-CONTROL KEY...
    local want=$1 key
    shift
    for key; do
        [[ $(cache_of "$key") == "$want" ]] || { echo "$key: '$(cache_of "$key")'" >>"$pub/output"; return 1; }
    done
}
line_of() { grep --line-number --fixed-strings --line-regexp -- "$1" "$pub/aws.log" | cut -d: -f1 | tail -n 1; }
last_put_is_index() {
    [[ $(grep '^put ' "$pub/aws.log" | tail -n 1) == "put index.html" ]]
}
invalidated_after_index() {
    local put_index invalidate wait
    put_index=$(line_of "put index.html") invalidate=$(line_of "invalidate / /index.html")
    wait=$(line_of "wait invalidation-completed")
    [[ -n $put_index && -n $invalidate && -n $wait ]] && ((put_index < invalidate && invalidate < wait))
}
html_is_html() {
    [[ $(type_of index.html) == "text/html; charset=utf-8" && $(type_of help/page.html) == "text/html; charset=utf-8" ]]
}

expect "it succeeds" test "$status" -eq 0
expect "hashed assets: public, max-age=31536000, immutable" all_cached "public, max-age=31536000, immutable" \
    assets/index-abc123.js assets/index-abc123.css assets/BalanceChart-def456.js
expect "index.html and every other page: no-store" all_cached no-store index.html help/page.html legal.html
expect "pages are served as text/html" html_is_html
expect "other files: a short cache" all_cached "public, max-age=300" favicon.svg robots.txt
expect "index.html is uploaded last" last_put_is_index
expect "the previous version's assets stay" test -f "$pub/bucket/assets/index-old999.js"
expect "files and pages gone from dist are deleted" test ! -e "$pub/bucket/stale.txt" -a ! -e "$pub/bucket/stale.html"
expect "the new index.html is in place" grep --quiet new "$pub/bucket/index.html"
expect "CloudFront is invalidated after index.html, and waited for" invalidated_after_index

echo "deploy-test: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
