# syntax=docker/dockerfile:1
#
# Reckot in one image: the `reckot` binary (API, worker, CLI) and the built SPA.
#
#   docker build -t reckot .
#   docker run --rm -v reckot-data:/app/data --env-file .env reckot migrate
#   docker run -d -p 8080:8080 -v reckot-data:/app/data --env-file .env reckot      # = reckot serve
#
# Stages: chef (Rust + cargo-chef + wasm tools + node) -> planner (dependency recipe) ->
# deps layers for the server and the SPA (rebuilt only when Cargo.toml/Cargo.lock change) ->
# server and spa builds -> slim Debian runtime running as a non-root user.

ARG RUST_VERSION=1.95
ARG NODE_VERSION=20
ARG WASM_BINDGEN_VERSION=0.2.130
ARG CARGO_CHEF_VERSION=0.1.78

FROM node:${NODE_VERSION}-bookworm-slim AS node

# ---------------------------------------------------------------------------------------------
FROM rust:${RUST_VERSION}-bookworm AS chef
ARG WASM_BINDGEN_VERSION
ARG CARGO_CHEF_VERSION
# Node.js for the SPA's build tools (tailwind CLI, binaryen's wasm-opt from npm: Debian's
# binaryen is too old and silently breaks the module).
COPY --from=node /usr/local/bin/node /usr/local/bin/node
COPY --from=node /usr/local/lib/node_modules /usr/local/lib/node_modules
RUN ln -s ../lib/node_modules/npm/bin/npm-cli.js /usr/local/bin/npm \
 && ln -s ../lib/node_modules/npm/bin/npx-cli.js /usr/local/bin/npx \
 && node --version && npm --version
# wasm-bindgen-cli without --locked: its lockfile pins a crate version the registry lacks.
RUN rustup target add wasm32-unknown-unknown \
 && cargo install --locked cargo-chef --version ${CARGO_CHEF_VERSION} \
 && cargo install wasm-bindgen-cli --version ${WASM_BINDGEN_VERSION}
WORKDIR /src

# ---------------------------------------------------------------------------------------------
FROM chef AS planner
COPY . .
RUN cargo chef prepare --recipe-path recipe.json

# ---------------------------------------------------------------------------------------------
FROM chef AS server
COPY --from=planner /src/recipe.json recipe.json
RUN cargo chef cook --release --locked -p reckot-server --recipe-path recipe.json
COPY . .
RUN cargo build --release --locked -p reckot-server --bin reckot \
 && install -D target/release/reckot /out/reckot

# ---------------------------------------------------------------------------------------------
FROM chef AS spa
COPY --from=planner /src/recipe.json recipe.json
RUN cargo chef cook --profile wasm-release --target wasm32-unknown-unknown --locked \
        -p reckot-frontend --recipe-path recipe.json
COPY . .
# build-spa.sh installs the npm tools (npm ci) itself, then cargo, wasm-bindgen, wasm-opt, tailwind.
RUN bash scripts/build-spa.sh --release \
 && test -f frontend/dist/index.html \
 && mkdir -p /out && cp -r frontend/dist /out/dist

# ---------------------------------------------------------------------------------------------
FROM debian:bookworm-slim AS runtime
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates tzdata \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --create-home --home-dir /app --uid 10001 --user-group reckot \
 && mkdir -p /app/data \
 && chown reckot:reckot /app/data
COPY --from=server /out/reckot /usr/local/bin/reckot
COPY --from=spa /out/dist /app/frontend/dist
WORKDIR /app
ENV APP_ENV=production \
    BIND_ADDR=0.0.0.0:8080 \
    SPA_DIR=/app/frontend/dist \
    DATABASE_URL=sqlite:///app/data/reckot.sqlite?mode=rwc \
    STORAGE_DIR=/app/data/uploads \
    MAIL_DIR=/app/data/mail \
    LOG_FORMAT=json \
    RUST_LOG=info
USER reckot
VOLUME ["/app/data"]
EXPOSE 8080
ENTRYPOINT ["/usr/local/bin/reckot"]
CMD ["serve"]
