# syntax=docker/dockerfile:1
# Loa in a container: a static binary (SQLite is pure Go) on a distroless base, run as a
# non-root user, with its data in /data. Build: docker build --build-arg VERSION=v0.4.0 -t loa .
FROM golang:1.27.3-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
ARG VERSION=dev
ARG COMMIT=unknown
ARG DATE=unknown
RUN CGO_ENABLED=0 go build -trimpath \
      -ldflags "-s -w -X main.version=${VERSION} -X main.buildCommit=${COMMIT} -X main.buildDate=${DATE}" \
      -o /out/loa ./cmd/loa

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/loa /usr/local/bin/loa
USER nonroot:nonroot
WORKDIR /data
VOLUME ["/data"]
# SQLite in the volume by default; set LOA_DATABASE_DRIVER/LOA_DATABASE_URL for PostgreSQL.
ENV LOA_DATABASE_URL=/data/loa.db \
    LOA_HTTP_LISTEN=0.0.0.0:8080
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=6s --start-period=20s --retries=3 \
  CMD ["/usr/local/bin/loa", "healthcheck", "--url", "http://127.0.0.1:8080/healthz"]
ENTRYPOINT ["/usr/local/bin/loa"]
CMD ["serve"]
