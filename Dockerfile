# wsis in an image, for CI services that run their jobs in one:
#   docker build -t wsis .
#   docker run --rm -v "$PWD:/site" wsis build        # in a content repository
# The build stage compiles wsis; the image keeps the binary, its licence and
# the licences of what it is made of (every crate compiled in, with the
# NOTICE files they carry, and the fonts built into it:
# docs/release/licences.sh), git (which `check --translations` reads dates
# from) and nothing else.

FROM rust:1.95-bookworm AS build
# cargo-about lists the crates' licences; installed before the sources come
# in, so a change to them does not install it again.
RUN cargo install --locked cargo-about@0.9.3 --features cli
WORKDIR /src
COPY . .
RUN cargo build --release --locked \
 && strip target/release/wsis \
 && docs/release/licences.sh THIRD-PARTY-LICENSES.txt

FROM debian:bookworm-slim
# hadolint ignore=DL3008
RUN apt-get update \
 && apt-get install -y --no-install-recommends git ca-certificates \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --create-home --uid 1000 wsis
COPY --from=build /src/target/release/wsis /usr/local/bin/wsis
COPY --from=build /src/LICENSE /src/THIRD-PARTY-LICENSES.txt /usr/share/doc/wsis/
USER 1000
WORKDIR /site
ENTRYPOINT ["wsis"]
CMD ["build"]
