#!/usr/bin/env bash
# 40-network scans from many devices (POST /v1/devices/{id}/scans, wrk) vs offload-service's /q/health/live
#
# usage: bin/bench scan [--devices N] [--duration SECONDS] [--warmup SECONDS] [--connections N] [--threads N]
#                       [--rounds N]
#
# Starts its own offload-service (packaged jar, prod profile, port $BENCH_SCAN_PORT or 18090, database bench_scan)
# against bin/infra's PostgreSQL and Kafka, and a plugin host for it to ask:
#   - by default a STAND-IN (tools/bench io.hop.bench.scan.StandInPluginHost, port 18093): a JDK HTTP server answering
#     plugin-host's fixed identification shape for 3 plugins (ranks 10/20/30) with no plugin work behind it, because
#     plugin-host is not on main yet;
#   - with BENCH_PLUGIN_HOST=real, the real plugin-host at $BENCH_PLUGIN_HOST_URL (default http://127.0.0.1:8083,
#     e.g. bin/platform up) — it must have 3 plugins loaded for the benchmark's operator ($BENCH_SCAN_OPERATOR,
#     default "bench") that identify the SSIDs Hotspot-<n>.
# Then signs device tokens for --devices (default 2,000) devices and measures with wrk, the paths taking turns:
#   health   GET /q/health/live                               (the reference: no security, no database)
#   scan     POST /v1/devices/{random}/scans, 40 networks, that device's token: identification over HTTP, profile
#            upsert (one statement), decision log (40 rows, one statement), an automatic connection on a device's
#            first scan (then the device has a live one and scans start none)
# and the latency at about half the maximum rate (every connection pausing before each request).
# Stops what it started. BENCH_SKIP_BUILD=1 measures the jar as it is.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

PORT=${BENCH_SCAN_PORT:-18090}
HOST_PORT=${BENCH_SCAN_HOST_PORT:-18093}
DB=${BENCH_SCAN_DATABASE:-bench_scan}
OPERATOR=${BENCH_SCAN_OPERATOR:-bench}
DEVICES=2000
DURATION=15
ROUNDS=3
WARMUP=8
CONNECTIONS=16
THREADS=2
usage() { echo "usage: bin/bench scan [--devices N] [--duration S] [--warmup S] [--connections N] [--threads N] [--rounds N]" >&2; exit 2; }
while [ $# -gt 0 ]; do
  case "$1" in
    --devices) DEVICES=${2:?}; shift 2 ;;
    --duration) DURATION=${2:?}; shift 2 ;;
    --warmup) WARMUP=${2:?}; shift 2 ;;
    --connections) CONNECTIONS=${2:?}; shift 2 ;;
    --threads) THREADS=${2:?}; shift 2 ;;
    --rounds) ROUNDS=${2:?}; shift 2 ;;
    *) usage ;;
  esac
done
case "$PORT" in 808[0-4]) echo "bench scan: port $PORT belongs to bin/platform; pick another" >&2; exit 2 ;; esac

bench_require_wrk
bench_infra
JAR=$ROOT/offload-service/target/quarkus-app/quarkus-run.jar
if [ "${BENCH_SKIP_BUILD:-0}" != 1 ] || [ ! -f "$JAR" ]; then
  bench_log "packaging offload-service"
  (cd "$ROOT" && ./mvnw package -DskipTests -pl offload-service -am) >&2
fi
LOG_DIR=$ROOT/tools/bench/target
mkdir -p "$LOG_DIR"
BASE=http://127.0.0.1:$PORT

HOST_PID=
cleanup() {
  stop_service
  if [ -n "$HOST_PID" ]; then kill "$HOST_PID" 2>/dev/null || true; fi
}
trap cleanup EXIT
if [ "${BENCH_PLUGIN_HOST:-stand-in}" = real ]; then
  PLUGIN_HOST_URL=${BENCH_PLUGIN_HOST_URL:-http://127.0.0.1:8083}
  curl -fsS "$PLUGIN_HOST_URL/q/health/ready" >/dev/null \
    || { echo "bench scan: BENCH_PLUGIN_HOST=real but no plugin-host answers at $PLUGIN_HOST_URL" >&2; exit 1; }
  HOST_KIND="real plugin-host at $PLUGIN_HOST_URL"
else
  PLUGIN_HOST_URL=http://127.0.0.1:$HOST_PORT
  bench_log "starting the stand-in plugin host on port $HOST_PORT (3 plugins, fixed identification shape)"
  java -Xmx128m "$ROOT/tools/bench/src/main/java/io/hop/bench/scan/StandInPluginHost.java" "$HOST_PORT" \
    >"$LOG_DIR/scan-plugin-host.log" 2>&1 </dev/null &
  HOST_PID=$!
  for _ in $(seq 1 60); do
    curl -fsS -o /dev/null -X POST -d '{}' "$PLUGIN_HOST_URL/v1/identifications" 2>/dev/null && break
    sleep 0.5
  done
  HOST_KIND="STAND-IN plugin host (tools/bench StandInPluginHost, 3 plugins, no plugin work)"
fi

PGPASSWORD=$HOP_DB_PASSWORD psql -h "$HOP_DB_HOST" -p "$HOP_DB_PORT" -U "$HOP_DB_USER" -d postgres -v ON_ERROR_STOP=1 -qtA \
  -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB" >/dev/null
SERVICE_LOG=$LOG_DIR/scan-offload-service.log
bench_log "starting offload-service on port $PORT (log: $SERVICE_LOG)"
QUARKUS_HTTP_PORT=$PORT \
QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://$HOP_DB_HOST:$HOP_DB_PORT/$DB" \
QUARKUS_DATASOURCE_USERNAME=$HOP_DB_USER QUARKUS_DATASOURCE_PASSWORD=$HOP_DB_PASSWORD \
HOP_SECURITY_ALLOW_DEVELOPMENT_KEY=true HOP_CONSUMER_GROUP=bench-scan-$$ \
PLUGIN_HOST_URL=$PLUGIN_HOST_URL \
  java ${BENCH_JAVA_OPTS:-} -Xmx256m -jar "$JAR" >"$SERVICE_LOG" 2>&1 </dev/null &
SERVICE_PID=$!
for _ in $(seq 1 240); do
  curl -fsS "$BASE/q/health/ready" >/dev/null 2>&1 && break
  kill -0 "$SERVICE_PID" 2>/dev/null || { echo "bench scan: offload-service exited; see $SERVICE_LOG" >&2; tail -20 "$SERVICE_LOG" >&2; exit 1; }
  sleep 0.5
done
curl -fsS "$BASE/q/health/ready" >/dev/null || { echo "bench scan: offload-service not ready in 120 s; see $SERVICE_LOG" >&2; exit 1; }

bench_log "signing $DEVICES device tokens"
export BENCH_SCAN_TOKENS=$LOG_DIR/scan-tokens.txt
java "$ROOT/tools/bench/src/main/java/io/hop/bench/device/DeviceTokens.java" \
  "$ROOT/libs/testing/src/main/resources/hop/dev-jwt/private-key.pem" "$OPERATOR" "$DEVICES" "$DEVICES" 7200 "$BENCH_SCAN_TOKENS"
read -r sample_device sample_token <"$BENCH_SCAN_TOKENS"
sample=$(curl -sS -H "Authorization: Bearer $sample_token" -H 'Content-Type: application/json' \
  -d '{"networks":[{"ssid":"Hotspot-1","bssid":"02:00:00:00:00:01","rssi":-50},{"ssid":"Home","bssid":"02:00:00:00:00:02"}]}' \
  "$BASE/v1/devices/$sample_device/scans")
case "$sample" in *'"candidates":[{'*) ;; *) echo "bench scan: a sample scan found no candidate: $sample" >&2; exit 1 ;; esac

SCRIPT=$ROOT/tools/bench/scenarios/scan.lua
# wrk_run SECONDS PATH|scan: prints "req/s p50 p99 non2xx".
wrk_run() {
  local c=$CONNECTIONS t=$THREADS
  [ "$t" -le "$c" ] || t=$c
  if [ "$2" = scan ]; then
    wrk -t"$t" -c"$c" -d"$1s" --latency -s "$SCRIPT" "$BASE" | bench_wrk_figures
  else
    wrk -t"$t" -c"$c" -d"$1s" --latency "$BASE$2" | bench_wrk_figures
  fi
}

bench_log "warming up (${WARMUP}s per path)"
wrk_run "$WARMUP" /q/health/live >/dev/null
wrk_run "$WARMUP" scan >/dev/null

ROUND_SECONDS=$(( (DURATION + ROUNDS - 1) / ROUNDS ))
ROUNDS_FILE=$LOG_DIR/scan-rounds.txt
bench_log "measuring (${ROUNDS} rounds of ${ROUND_SECONDS}s per path, $THREADS threads, $CONNECTIONS connections)"
: >"$ROUNDS_FILE"
for round in $(seq 1 "$ROUNDS"); do
  echo "health $(wrk_run "$ROUND_SECONDS" /q/health/live)" >>"$ROUNDS_FILE"
  echo "scan $(wrk_run "$ROUND_SECONDS" scan)" >>"$ROUNDS_FILE"
done
read -r health_rps health_p50 health_p99 _ <<<"$(bench_rounds_summary health "$ROUNDS_FILE")"
read -r scan_rps scan_p50 scan_p99 scan_non2xx <<<"$(bench_rounds_summary scan "$ROUNDS_FILE")"
[ "$scan_non2xx" = 0 ] || { echo "bench scan: $scan_non2xx scans did not answer 2xx (see $SERVICE_LOG)" >&2; exit 1; }

DELAY_MS=$(awk -v c="$CONNECTIONS" -v r="$scan_rps" 'BEGIN { d = int(c * 1000 / (r / 2) + 0.5); print (d < 1 ? 1 : d) }')
export BENCH_SCAN_DELAY_MS=$DELAY_MS
read -r half_rps half_p50 half_p99 _ <<<"$(wrk_run "$DURATION" scan)"
unset BENCH_SCAN_DELAY_MS
rss=$(bench_rss_mib "$SERVICE_PID")
decisions=$(PGPASSWORD=$HOP_DB_PASSWORD psql -h "$HOP_DB_HOST" -p "$HOP_DB_PORT" -U "$HOP_DB_USER" -d "$DB" -qtA \
  -c "select count(*) from scan_decision")

printf '%-44s %10s %9s %9s %7s\n' path 'req/s' 'p50 ms' 'p99 ms' ratio
printf '%-44s %10s %9s %9s %7s\n' 'GET /q/health/live' "$health_rps" "$health_p50" "$health_p99" 1.00
printf '%-44s %10s %9s %9s %7s\n' 'POST /v1/devices/{random}/scans (max)' "$scan_rps" "$scan_p50" "$scan_p99" "$(bench_ratio "$scan_rps" "$health_rps")"
printf '%-44s %10s %9s %9s %7s\n' 'POST /v1/devices/{random}/scans (paced)' "$half_rps" "$half_p50" "$half_p99" "$(bench_ratio "$half_rps" "$health_rps")"
echo "half rate: $CONNECTIONS connections pausing ${DELAY_MS} ms gave $half_rps scans/s, $(bench_ratio "$half_rps" "$scan_rps") of the maximum; p99 ${half_p99} ms (target <= 10 ms)"
echo "plugin host: $HOST_KIND; decision-log rows written: $decisions"
echo "offload-service RSS: ${rss} MiB; $DEVICES devices; 40 networks per scan; wrk: $THREADS threads, $CONNECTIONS connections, ${DURATION}s per path in $ROUNDS rounds; $(nproc) cores"
echo "scan: $scan_rps scans/s; reference $health_rps req/s; ratio $(bench_ratio "$scan_rps" "$health_rps")"
