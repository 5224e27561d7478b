# wsis in an image, for CI services that run their jobs in one:
#   docker build -t wsis .
#   docker run --rm -v "$PWD:/site" wsis build        # in a content repository
# The build stage compiles wsis; the image keeps the binary, the licences of
# what it carries (the fonts built into it), git (which `check
# --translations` reads dates from) and nothing else.

FROM rust:1.95-bookworm AS build
WORKDIR /src
COPY . .
RUN cargo build --release --locked \
 && strip target/release/wsis

FROM debian:bookworm-slim
# hadolint ignore=DL3008
RUN apt-get update \
 && apt-get install -y --no-install-recommends git ca-certificates \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --create-home --uid 1000 wsis
COPY --from=build /src/target/release/wsis /usr/local/bin/wsis
COPY --from=build /src/themes/default/fonts/LICENSE-Apache-2.0.txt /src/themes/default/fonts/README.md /usr/share/doc/wsis/fonts/
USER 1000
WORKDIR /site
ENTRYPOINT ["wsis"]
CMD ["build"]
