# syntax=docker/dockerfile:1
#
# onejob: one job per container. Three stages feed the image:
#   build    the release binary, Swift runtime linked statically, and its Blender scripts bundle
#   ldraw    the LDraw parts library, checksum-verified
#   base     Debian + the tools, installed by scripts/install-runtime-deps.sh (the script `make test` runs)
# and two targets are made from `base`:
#   action   for GitHub Actions Docker actions, which must run as root (see docs/deploy.md)
#   runtime  the default (last stage): non-root
#
#   docker build --build-arg LDRAW_SHA256=<sha256 of complete.zip> -t onejob .
#   docker build --build-arg LDRAW_SHA256=... --target action -t onejob-action .

ARG SWIFT_VERSION=6.3.1
ARG DEBIAN_IMAGE=debian:bookworm-slim

# ---------------------------------------------------------------------------------------------
FROM swift:${SWIFT_VERSION}-bookworm AS build
# Headers for the CCurl/CCrypto/CZlib system-library targets. DL3008 (pin apt versions) is ignored: the
# base image fixes the Debian release, and exact pins would break the build at every security update.
# hadolint ignore=DL3008
RUN apt-get update \
    && apt-get install -y --no-install-recommends libcurl4-openssl-dev libssl-dev zlib1g-dev pkg-config \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
# Manifest first, so dependency resolution is cached until Package.swift changes.
COPY Package.swift ./
RUN swift package resolve
# Tests/ is copied because SwiftPM requires every declared target's folder to exist.
COPY Sources ./Sources
COPY Tests ./Tests
# --static-swift-stdlib: the runtime image has no Swift toolchain. The resource bundle
# (onejob_Handler.resources, the Blender scripts) must sit next to the binary: Bundle.module
# looks for it in the executable's folder.
RUN swift build -c release --static-swift-stdlib --product onejob \
    && bin="$(swift build -c release --static-swift-stdlib --show-bin-path)" \
    && mkdir -p /out \
    && cp "$bin/onejob" /out/onejob \
    && cp -R "$bin/onejob_Handler.resources" /out/onejob_Handler.resources \
    && /out/onejob --version

# ---------------------------------------------------------------------------------------------
FROM ${DEBIAN_IMAGE} AS ldraw
# complete.zip is replaced at every parts update, so its checksum cannot be baked in here:
# pin it per build (docs/deploy.md shows how to compute it). A build without it fails.
ARG LDRAW_URL=https://library.ldraw.org/library/updates/complete.zip
ARG LDRAW_SHA256=
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
# Download tools for this throw-away stage only; DL3008 ignored for the same reason as above.
# hadolint ignore=DL3008
RUN apt-get update \
    && apt-get install -y --no-install-recommends ca-certificates curl unzip \
    && rm -rf /var/lib/apt/lists/*
RUN if [ -z "${LDRAW_SHA256}" ]; then \
        echo "set --build-arg LDRAW_SHA256=<sha256 of ${LDRAW_URL}>" >&2; exit 1; \
    fi \
    && curl -fsSL --retry 3 -o /tmp/complete.zip "${LDRAW_URL}" \
    && echo "${LDRAW_SHA256}  /tmp/complete.zip" | sha256sum -c - \
    && unzip -q /tmp/complete.zip -d /usr/share \
    && test -d /usr/share/ldraw/parts \
    && test -f /usr/share/ldraw/LDConfig.ldr \
    && rm /tmp/complete.zip

# ---------------------------------------------------------------------------------------------
FROM ${DEBIAN_IMAGE} AS base
ARG VERSION=0.1.0
ARG REVISION=unknown
ARG CREATED=unknown
ARG SOURCE=
LABEL org.opencontainers.image.title="onejob" \
      org.opencontainers.image.description="One job per container: Blender or PrusaSlicer, outputs to S3, result.json, a documented exit code" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}" \
      org.opencontainers.image.created="${CREATED}" \
      org.opencontainers.image.source="${SOURCE}" \
      org.opencontainers.image.documentation="docs/deploy.md" \
      org.opencontainers.image.base.name="debian:bookworm-slim"
# The same script `make test` (and so CI) runs: a broken install line fails CI before it breaks
# the image. It installs Blender, PrusaSlicer, python3-numpy, fonts, libcurl, OpenSSL,
# CA certificates and tini.
COPY scripts/install-runtime-deps.sh /usr/local/lib/onejob/install-runtime-deps.sh
RUN /usr/local/lib/onejob/install-runtime-deps.sh \
    && rm -rf /var/lib/apt/lists/*
COPY --from=ldraw /usr/share/ldraw /usr/share/ldraw
COPY --from=build /out/ /opt/onejob/
# A fixed numeric uid, so Kubernetes' runAsNonRoot can verify it without reading /etc/passwd.
RUN useradd --system --uid 10001 --user-group --home-dir /home/onejob --create-home \
        --shell /usr/sbin/nologin onejob \
    && mkdir -p /work \
    && chown onejob:onejob /work
# TINI_SUBREAPER: where the platform already runs an init (ECS initProcessEnabled, docker --init)
# tini is not PID 1; as a subreaper it still collects orphans, and it does not warn.
ENV PATH="/opt/onejob:${PATH}" \
    LDRAW_DIR=/usr/share/ldraw \
    ONEJOB_SCRATCH_DIR=/tmp \
    TINI_SUBREAPER=1
WORKDIR /work
ENTRYPOINT ["tini", "--", "onejob"]
CMD ["run"]

# ---------------------------------------------------------------------------------------------
# GitHub Actions runs Docker actions as root and documents that USER must not be set: the
# workspace it mounts belongs to root. Build with --target action for action.yml.
FROM base AS action

# ---------------------------------------------------------------------------------------------
FROM base AS runtime
USER 10001:10001
