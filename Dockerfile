# Multi-stage build: the SDK and the C toolchain only in the build stage; the controller is a Native AOT executable,
# so the runtime image needs no .NET runtime, only its native dependencies (runtime-deps), and runs as non-root.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
RUN apt-get update && apt-get install -y --no-install-recommends clang zlib1g-dev && rm -rf /var/lib/apt/lists/*
WORKDIR /src
# Restore first, from the project files alone, so the layer is cached until dependencies change.
COPY global.json Directory.Build.props Directory.Packages.props Controller.csproj ./
RUN dotnet restore Controller.csproj -r linux-x64
COPY Controller/ Controller/
COPY Reconcile/ Reconcile/
COPY Queue/ Queue/
COPY Informers/ Informers/
COPY .editorconfig ./
RUN dotnet publish Controller.csproj -c Release -r linux-x64 --no-restore -o /app && rm -f /app/*.dbg

FROM mcr.microsoft.com/dotnet/runtime-deps:10.0 AS runtime
WORKDIR /app
COPY --from=build /app ./
# The image's built-in non-root user; the Deployment also sets runAsNonRoot and a read-only root filesystem.
USER app
ENV DOTNET_EnableDiagnostics=0
EXPOSE 8090 8091
ENTRYPOINT ["/app/kubeconfig-generator"]
