# Multi-stage build: the SDK only in the build stage; a small non-root runtime image.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
# Restore first, from the project files alone, so the layer is cached until dependencies change.
COPY global.json Directory.Build.props Directory.Packages.props Controller.csproj ./
RUN dotnet restore Controller.csproj
COPY Controller/ Controller/
COPY Reconcile/ Reconcile/
COPY Queue/ Queue/
COPY Informers/ Informers/
COPY .editorconfig ./
RUN dotnet publish Controller.csproj -c Release --no-restore -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app ./
# The image's built-in non-root user; the Deployment also sets runAsNonRoot and a read-only root filesystem.
USER app
ENV DOTNET_EnableDiagnostics=0
EXPOSE 8090 8091
ENTRYPOINT ["dotnet", "/app/kubeconfig-generator.dll"]
