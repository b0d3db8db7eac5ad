#!/usr/bin/env bash
# Publishes a built frontend (frontend/dist) to the S3 bucket behind CloudFront.
#
#   S3_BUCKET=... CLOUDFRONT_DISTRIBUTION_ID=... deploy/publish-frontend.sh frontend/dist
#
# Needs AWS credentials for the deploy role of deploy/cloudformation.yml (the deploy workflow
# gets them through GitHub OIDC). Order matters, so that no visitor ever gets an index.html that
# points at assets which are not there yet:
#   1. dist/assets/* (content-hashed names): uploaded first, `public, max-age=31536000,
#      immutable`. Old assets are kept: a browser that still runs the previous version may load
#      a lazy chunk of it later.
#   2. other files that are not HTML (favicon, robots.txt, ...): short cache, removed when gone
#      from dist.
#   3. HTML other than index.html (none today), then index.html last: `no-store`, so that no
#      browser keeps a page in its caches, the back/forward cache included: after signing out,
#      Back shows nothing from memory. (CloudFront's cache policy keeps it for at most a second.)
#   4. a CloudFront invalidation of / and /index.html, waited for.
# The security headers (CSP, HSTS, ...) are not object metadata: the distribution's response
# headers policy adds them (deploy/cloudformation.yml).
set -euo pipefail

dist=${1:?usage: publish-frontend.sh DIST_DIR}
bucket=${S3_BUCKET:?S3_BUCKET must name the frontend bucket}
distribution=${CLOUDFRONT_DISTRIBUTION_ID:?CLOUDFRONT_DISTRIBUTION_ID must be set}

[[ -f $dist/index.html ]] || {
    echo "publish-frontend: $dist/index.html not found; build the frontend first" >&2
    exit 1
}

readonly html_cache="no-store"
readonly html_type="text/html; charset=utf-8"

# (Filters: later ones win; `*` also matches `/`; --delete only touches what the filters select.)
if [[ -d $dist/assets ]]; then
    aws s3 sync "$dist/assets" "s3://$bucket/assets" \
        --exclude "*.html" \
        --cache-control "public, max-age=31536000, immutable" \
        --no-progress --only-show-errors
fi

aws s3 sync "$dist" "s3://$bucket" \
    --exclude "assets/*" --exclude "*.html" --delete \
    --cache-control "public, max-age=300" \
    --no-progress --only-show-errors

# HTML is small: copied every time (sync would skip an unchanged page, and so keep whatever
# Cache-Control it was first uploaded with), then pages gone from dist are deleted.
html_filters=(--exclude "*" --include "*.html" --exclude "index.html")
aws s3 cp "$dist" "s3://$bucket" --recursive "${html_filters[@]}" \
    --cache-control "$html_cache" --content-type "$html_type" \
    --no-progress --only-show-errors
aws s3 sync "$dist" "s3://$bucket" "${html_filters[@]}" --delete \
    --cache-control "$html_cache" --content-type "$html_type" \
    --no-progress --only-show-errors

aws s3 cp "$dist/index.html" "s3://$bucket/index.html" \
    --cache-control "$html_cache" --content-type "$html_type" \
    --no-progress --only-show-errors

invalidation=$(aws cloudfront create-invalidation --distribution-id "$distribution" \
    --paths "/" "/index.html" --query "Invalidation.Id" --output text)
echo "publish-frontend: invalidation $invalidation created; waiting for it to complete"
aws cloudfront wait invalidation-completed --distribution-id "$distribution" --id "$invalidation"
echo "publish-frontend: published $dist to s3://$bucket"
