#!/usr/bin/env bash
# Publishes a built frontend (frontend/dist) to the S3 bucket behind CloudFront.
#
#   S3_BUCKET=... CLOUDFRONT_DISTRIBUTION_ID=... deploy/publish-frontend.sh frontend/dist
#
# Needs AWS credentials for the deploy role of deploy/cloudformation.yml (the deploy workflow
# gets them through GitHub OIDC). Order matters, so that no visitor ever gets an index.html that
# points at assets which are not there yet:
#   1. dist/assets/* (content-hashed names): uploaded first, cached for a year as immutable.
#      Old assets are kept: a browser that still runs the previous version may load a lazy
#      chunk of it later.
#   2. other top-level files (favicon, robots.txt, ...): short cache, removed when gone from dist.
#   3. index.html last, `no-cache`: browsers and CloudFront revalidate it on every load.
#   4. a CloudFront invalidation of / and /index.html, waited for.
set -euo pipefail

dist=${1:?usage: publish-frontend.sh DIST_DIR}
bucket=${S3_BUCKET:?S3_BUCKET must name the frontend bucket}
distribution=${CLOUDFRONT_DISTRIBUTION_ID:?CLOUDFRONT_DISTRIBUTION_ID must be set}

[[ -f $dist/index.html ]] || {
    echo "publish-frontend: $dist/index.html not found; build the frontend first" >&2
    exit 1
}

if [[ -d $dist/assets ]]; then
    aws s3 sync "$dist/assets" "s3://$bucket/assets" \
        --cache-control "public, max-age=31536000, immutable" \
        --no-progress --only-show-errors
fi

aws s3 sync "$dist" "s3://$bucket" \
    --exclude "assets/*" --exclude "index.html" --delete \
    --cache-control "public, max-age=300" \
    --no-progress --only-show-errors

aws s3 cp "$dist/index.html" "s3://$bucket/index.html" \
    --cache-control "no-cache" --content-type "text/html; charset=utf-8" \
    --no-progress --only-show-errors

invalidation=$(aws cloudfront create-invalidation --distribution-id "$distribution" \
    --paths "/" "/index.html" --query "Invalidation.Id" --output text)
echo "publish-frontend: invalidation $invalidation created; waiting for it to complete"
aws cloudfront wait invalidation-completed --distribution-id "$distribution" --id "$invalidation"
echo "publish-frontend: published $dist to s3://$bucket"
