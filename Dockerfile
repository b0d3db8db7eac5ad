# syntax=docker/dockerfile:1
#
# Wisewallet: the `wisewallet` API server plus the built frontend, in one small image.
#
#   docker build -t wisewallet .
#   docker run --rm -p 127.0.0.1:8000:8000 -v wisewallet-data:/data wisewallet
#
# Stages:
#   frontend  Node 22 LTS: `npm ci && npm run build` -> frontend/dist
#   chef      Rust toolchain + cargo-chef
#   planner   the dependency "recipe" of the Rust workspace (changes only with Cargo.toml/lock)
#   builder   dependencies first (a cached layer while the recipe is unchanged), then the binary
#   runtime   distroless cc (glibc, libgcc, CA certificates, no shell), non-root
#
# The Rust builder and the runtime are both Debian 13 (trixie), so the binary links against the
# same glibc it runs with (the frontend stage only produces static files).
# Size target: <= 40 MB, as `docker image inspect --format '{{.Size}}'` reports it
# (docs/deploying.md, "The image").
#
# The base images are written out in each FROM (no ARG) so that Dependabot can read them and
# propose updates (.github/dependabot.yml). Node stays on an LTS line: 22 here and in the
# workflows' NODE_VERSION, moved together and on purpose (frontend/package.json still allows
# 20.19+ for local use).

ARG CARGO_CHEF_VERSION=0.1.77

# ---------------------------------------------------------------------------------------------
FROM node:22-bookworm-slim AS frontend
WORKDIR /src/frontend
# Lockfile first: `npm ci` is re-run only when the dependencies change.
COPY frontend/package.json frontend/package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY frontend/ ./
# The image serves the frontend and the API from one origin, so the API URL stays empty
# (= same origin). An ARG, not an ENV: it must not linger in any image.
ARG VITE_APP_API_URL=""
RUN npm run build

# ---------------------------------------------------------------------------------------------
FROM rust:1.95-trixie AS chef
ARG CARGO_CHEF_VERSION
RUN cargo install cargo-chef --locked --version "${CARGO_CHEF_VERSION}"
WORKDIR /src

FROM chef AS planner
COPY . .
RUN cargo chef prepare --recipe-path recipe.json --bin wisewallet

FROM chef AS builder
# The runtime image has no shell to create directories with: prepare the data volume here.
RUN install -d -m 0750 -o 65532 -g 65532 /out/data
COPY --from=planner /src/recipe.json recipe.json
# Dependencies only: this layer is reused until Cargo.toml or Cargo.lock change.
RUN cargo chef cook --release --locked --recipe-path recipe.json --bin wisewallet
COPY . .
RUN cargo build --release --locked --bin wisewallet

# ---------------------------------------------------------------------------------------------
FROM gcr.io/distroless/cc-debian13:nonroot AS runtime

LABEL org.opencontainers.image.title="wisewallet" \
      org.opencontainers.image.description="How much must I set aside from this paycheck? GraphQL budgeting API and web app." \
      org.opencontainers.image.licenses="MIT" \
      org.opencontainers.image.base.name="gcr.io/distroless/cc-debian13:nonroot"

WORKDIR /app
COPY --from=builder /src/target/release/wisewallet /usr/local/bin/wisewallet
COPY --from=frontend /src/frontend/dist /app/frontend/dist
COPY --from=builder --chown=65532:65532 /out/data /data

# Defaults for a container; every one can be overridden with `docker run -e` / --env-file.
# Without a DATABASE_URL the server keeps its data in SQLite on the /data volume; production sets
# DATABASE_URL to MongoDB Atlas (deploy/wisewallet.env.example).
ENV HOST=0.0.0.0 \
    PORT=8000 \
    STATIC_DIR=/app/frontend/dist \
    DATABASE_URL=sqlite:///data/wisewallet.db

VOLUME ["/data"]
EXPOSE 8000

# distroless "nonroot" = 65532:65532; numeric so Kubernetes' runAsNonRoot can verify it.
USER 65532:65532

# No shell or curl in the image: the binary checks its own /readyz on 127.0.0.1:$PORT.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD ["/usr/local/bin/wisewallet", "healthcheck"]

# The server handles SIGTERM itself (graceful shutdown of in-flight requests, <= ~30 s), and
# runs as PID 1 here: stop it with a grace period longer than that (docker stop -t 30).
STOPSIGNAL SIGTERM
ENTRYPOINT ["/usr/local/bin/wisewallet"]
CMD ["serve"]
