#!/usr/bin/env bash
# Smoke-tests the Docker image and docker-compose.yml on a machine with Docker (CI's `docker` job).
#
#   docker build -t wisewallet:local . && deploy/smoke-test.sh
#
#   1. The image alone, with its defaults (SQLite on the /data volume, as user 65532): the
#      HEALTHCHECK turns healthy, /healthz, /readyz and the frontend answer, and the documented
#      backup commands work (`wisewallet export` through docker exec, `wisewallet import` into a
#      fresh store in a throwaway container).
#   2. `docker compose up`: MongoDB as a replica set plus the app on 127.0.0.1:8000, with its
#      descriptor limit raised to 65536; an account created before `docker compose down` can
#      still sign in after the next `up`.
# Everything it starts is removed on exit (including the compose volumes).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
image=${IMAGE:-wisewallet:local}
solo=wisewallet-smoke
solo_port=8001
work=$(mktemp -d)

cleanup() {
    docker rm --force "$solo" >/dev/null 2>&1 || true
    docker volume rm --force "$solo-data" >/dev/null 2>&1 || true
    docker compose down --volumes --timeout 30 >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT

step() { printf '\n== %s\n' "$*"; }
fail() {
    echo "smoke-test: FAILED: $*" >&2
    exit 1
}

# GraphQL POST to a base URL; prints the JSON response.
graphql() {
    local base=$1 query=$2 email=$3 password=$4
    jq --null-input --arg query "$query" --arg email "$email" --arg password "$password" \
        '{query: $query, variables: {email: $email, password: $password}}' |
        curl --silent --show-error --fail --max-time 20 \
            --header 'Content-Type: application/json' --data @- "$base/graphql"
}

check_http() {
    local base=$1
    curl --silent --show-error --fail --max-time 5 --output /dev/null "$base/healthz"
    curl --silent --show-error --fail --max-time 5 --output /dev/null "$base/readyz"
    curl --silent --show-error --fail --max-time 5 "$base/" | grep --quiet --ignore-case '<!doctype html' ||
        fail "$base/ does not serve the frontend's index.html"
    # SPA fallback: a client-side route gets index.html too.
    curl --silent --show-error --fail --max-time 5 "$base/bills" | grep --quiet --ignore-case '<!doctype html' ||
        fail "$base/bills does not fall back to index.html"
}

step "image alone: $image (SQLite default)"
docker run --detach --name "$solo" --publish "127.0.0.1:$solo_port:8000" \
    --volume "$solo-data:/data" "$image" >/dev/null
[[ $(docker inspect --format '{{.Config.User}}' "$solo") == 65532:65532 ]] ||
    fail "the container does not run as 65532:65532"
status=starting
for _ in $(seq 1 60); do
    status=$(docker inspect --format '{{.State.Health.Status}}' "$solo")
    [[ $status == starting ]] || break
    sleep 2
done
if [[ $status != healthy ]]; then
    docker logs "$solo" >&2 || true
    fail "HEALTHCHECK status is '$status', not healthy"
fi
echo "HEALTHCHECK: healthy"
check_http "http://127.0.0.1:$solo_port"
echo "healthz, readyz, index.html and SPA fallback: ok"

email="smoke-$RANDOM@example.com"
password="correct horse battery staple"
# shellcheck disable=SC2016 # $email and $password are GraphQL variables, not shell ones
signup='mutation ($email: String!, $password: String!) { signUp(email: $email, password: $password) { user { email } } }'
# shellcheck disable=SC2016 # as above
signin='mutation ($email: String!, $password: String!) { signIn(email: $email, password: $password) { user { email } } }'

graphql "http://127.0.0.1:$solo_port" "$signup" "$email" "$password" >"$work/signup.json"
[[ $(jq --raw-output '.data.signUp.user.email' "$work/signup.json") == "$email" ]] ||
    fail "signUp on SQLite: $(cat "$work/signup.json")"
echo "signUp on SQLite: ok"

step "backup: wisewallet export via docker exec, import into a fresh store via docker run"
# As in docs/deploying.md: export to the container's /data volume, copy it out.
docker exec "$solo" /usr/local/bin/wisewallet export --output /data/backup.json
docker cp "$solo:/data/backup.json" "$work/backup.json" >/dev/null
jq --exit-status . "$work/backup.json" >/dev/null || fail "export did not write JSON"
grep --quiet "$email" "$work/backup.json" || fail "the export does not contain the new account"
# The image runs as 65532: let it read the file.
chmod 0755 "$work"
chmod 0644 "$work/backup.json"
docker run --rm --volume "$work/backup.json:/backup/wisewallet.json:ro" \
    --env DATABASE_URL=sqlite:///tmp/restore.db "$image" import /backup/wisewallet.json
echo "export and import: ok ($(wc -c <"$work/backup.json") bytes)"
docker rm --force "$solo" >/dev/null

step "docker compose up (MongoDB replica set + app on 127.0.0.1:8000)"
docker compose up --detach --wait --wait-timeout 300
check_http "http://127.0.0.1:8000"
graphql "http://127.0.0.1:8000" "$signup" "$email" "$password" >"$work/signup-mongo.json"
[[ $(jq --raw-output '.data.signUp.user.email' "$work/signup-mongo.json") == "$email" ]] ||
    fail "signUp on MongoDB: $(cat "$work/signup-mongo.json")"
echo "signUp on MongoDB: ok"
# The descriptor limit docker-compose.yml sets (as production's unit does), as the server
# process actually has it.
app_pid=$(docker inspect --format '{{.State.Pid}}' "$(docker compose ps --quiet app)")
nofile=$(grep '^Max open files' "/proc/$app_pid/limits") || fail "cannot read /proc/$app_pid/limits"
[[ $nofile =~ ^Max\ open\ files\ +65536\ +65536\  ]] || fail "the app's descriptor limit is not 65536: $nofile"
echo "descriptor limit (ulimits nofile): 65536"

step "docker compose down, then up again: the data is still there"
docker compose down --timeout 30
docker compose up --detach --wait --wait-timeout 300
graphql "http://127.0.0.1:8000" "$signin" "$email" "$password" >"$work/signin.json"
[[ $(jq --raw-output '.data.signIn.user.email' "$work/signin.json") == "$email" ]] ||
    fail "signIn after down/up: $(cat "$work/signin.json")"
echo "signIn after down/up: ok"

echo
echo "smoke-test: all checks passed"
