# syntax=docker/dockerfile:1
# pexdev in a container: `docker build -t pexdev .`, then
#   docker run --rm -p 127.0.0.1:8080:8080 -v "$PWD/branding:/branding:ro" pexdev
# docker-compose.yml runs the same image with the sample branding; README "Docker" has the details.

# The toolchain the project is built and tested with (Swift 6.3.1 on Debian bookworm).
ARG SWIFT_VERSION=6.3.1
ARG DEBIAN_RELEASE=bookworm

FROM swift:${SWIFT_VERSION}-${DEBIAN_RELEASE} AS build
# zlib's and OpenSSL's headers for the CZlib (branding ZIPs) and COpenSSL (node mode's TLS) targets; versions
# float with bookworm's security updates.
# hadolint ignore=DL3008
RUN apt-get update \
    && apt-get install -y --no-install-recommends zlib1g-dev libssl-dev \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
# The manifest names every target (tests, tools), so their folders must be present; .dockerignore keeps
# .build* and .git out.
COPY . .
# --static-swift-stdlib links the Swift runtime and FoundationEssentials into the binary, so the runtime stage
# needs only glibc, libstdc++, libgcc_s, zlib (all in debian:*-slim) and OpenSSL. Stripped: 30 → 16 MiB; symbols only
# help crash backtraces, which `swift build` outside the container gives in full.
RUN swift build -c release --static-swift-stdlib --product pexdev \
    && install -D -m 0755 "$(swift build -c release --static-swift-stdlib --show-bin-path)/pexdev" /out/pexdev \
    && strip /out/pexdev \
    && /out/pexdev --version

FROM debian:${DEBIAN_RELEASE}-slim
ARG VERSION=0.1.0
LABEL org.opencontainers.image.title="pexdev" \
      org.opencontainers.image.description="Local development server for Pexip Infinity Connect Webapp2 plugins, with a mock Infinity node" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.base.name="docker.io/library/debian:bookworm-slim"
# `ldd pexdev` lists libc, libm, libstdc++, libgcc_s and libz (all in the slim image) plus libssl and libcrypto;
# ca-certificates lets node mode (`--node https://…`) check a real node's certificate.
# hadolint ignore=DL3008
RUN apt-get update \
    && apt-get install -y --no-install-recommends libssl3 ca-certificates \
    && rm -rf /var/lib/apt/lists/*
RUN groupadd --gid 10001 pexdev \
    && useradd --uid 10001 --gid pexdev --home-dir /nonexistent --no-create-home \
        --shell /usr/sbin/nologin pexdev
COPY --from=build /out/pexdev /usr/local/bin/pexdev
# Every serve option is a PEXDEV_* variable (README table). Listening on all interfaces is what a container
# needs (the published port is the boundary); outside a container the default stays loopback.
ENV PEXDEV_HOST=0.0.0.0 \
    PEXDEV_PORT=8080
# Numeric, so runtimes that check runAsNonRoot (Kubernetes) can tell it is not root without /etc/passwd.
USER 10001:10001
WORKDIR /branding
EXPOSE 8080
# `pexdev health` reads PEXDEV_PORT/PEXDEV_HOST, so changing the port through PEXDEV_PORT keeps this right.
HEALTHCHECK --interval=10s --timeout=5s --start-period=5s --retries=3 CMD ["pexdev", "health", "--quiet"]
ENTRYPOINT ["pexdev"]
CMD ["serve", "/branding", "--host", "0.0.0.0"]
