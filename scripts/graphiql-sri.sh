#!/usr/bin/env bash
# Prints the Subresource Integrity hashes of the GraphiQL page's pinned assets (src/graphiql.rs),
# computed from the npm packages of those exact versions (the CDN serves the files as published).
# Run it after changing a version and paste the hashes into src/graphiql.rs; the browser tests
# (frontend/e2e/graphiql.mjs) then check them in Chromium.
set -euo pipefail
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
for spec in graphiql@4.0.3 react@18.3.1 react-dom@18.3.1; do
  mkdir "$spec"
  tarball=$(npm pack "$spec" --silent --pack-destination "$spec" | tail -n 1)
  tar xzf "$spec/$tarball" -C "$spec"
done
for file in graphiql@4.0.3/package/graphiql.min.css graphiql@4.0.3/package/graphiql.min.js \
  react@18.3.1/package/umd/react.production.min.js \
  react-dom@18.3.1/package/umd/react-dom.production.min.js; do
  printf '%s sha384-%s\n' "$file" "$(openssl dgst -sha384 -binary "$file" | base64 -w0)"
done
