# Builds the `hitbridge` binary and runs it on a slim Debian image.
FROM rust:1.95-bookworm AS build
WORKDIR /src
COPY . .
RUN cargo build --release --locked -p api --bin hitbridge

FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 hitbridge
COPY --from=build /src/target/release/hitbridge /usr/local/bin/hitbridge
USER hitbridge
ENV HITBRIDGE_ADDR=0.0.0.0:8080 HITBRIDGE_LOG_FORMAT=json
EXPOSE 8080
ENTRYPOINT ["hitbridge"]
CMD ["serve"]
