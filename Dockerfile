# Visnyk in a container: one process, SQLite, media and search index in the /data volume.
#   docker build -t visnyk .
#   docker run -d --name visnyk -p 127.0.0.1:8080:8080 -v visnyk-data:/data \
#     -e Visnyk__PublicUrl=https://news.example.gov.ua -e Visnyk__DemoContent=false visnyk
# Secrets (mail password, PostgreSQL, Redis): --env-file with mode 0600, never in the image.
# See docs/deployment.md. libvips comes with NetVips.Native, the Hunspell dictionary and
# Lucene are inside the binary: no extra packages.

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
ARG TARGETARCH
WORKDIR /src
# global.json asks for SDK 10.0.401 or a later feature band.
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/Visnyk/Visnyk.csproj src/Visnyk/
RUN dotnet restore src/Visnyk -a ${TARGETARCH:-amd64}
COPY src/Visnyk/ src/Visnyk/
RUN dotnet publish src/Visnyk -c Release -a ${TARGETARCH:-amd64} --no-restore --self-contained false -o /app

# Ubuntu 24.04 with ICU (the site is Ukrainian-first, not culture-invariant) and bash; no curl.
FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app .
RUN mkdir /data && chown "$APP_UID" /data
# DOTNET_GCgen0size: a 32 MB youngest generation, as deploy/visnyk.service explains.
ENV Visnyk__DataDirectory=/data \
    Logging__Console__FormatterName=json \
    ASPNETCORE_HTTP_PORTS=8080 \
    DOTNET_GCgen0size=0x2000000
VOLUME /data
EXPOSE 8080
# The image's non-root user (app, uid 1654).
USER $APP_UID
# Liveness without curl or wget: bash's /dev/tcp sends one request to /healthz.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/${ASPNETCORE_HTTP_PORTS%%;*} && printf 'GET /healthz HTTP/1.1\\r\\nHost: localhost\\r\\nConnection: close\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"]
ENTRYPOINT ["./Visnyk"]
