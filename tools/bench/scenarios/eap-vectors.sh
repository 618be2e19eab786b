#!/usr/bin/env bash
# AKA vectors through plugin-host's eap-aka (random subscribers, SQN blocks persisted) vs health
#
# usage: bin/bench eap-vectors [--subscribers N] [--duration SECONDS] [--warmup SECONDS] [--connections N]
#                              [--threads N] [--rounds N]
#
# Starts its own plugin-host (packaged jar, prod profile, the built-in plugins directory, port $BENCH_EAP_PORT or
# 18093, database bench_eap_vectors) against bin/infra's PostgreSQL and Kafka, with eap-aka's secret subscriber-key
# set, then:
#   - imports N subscribers (default 10,000; distinct K and OPc each) through POST /v1/plugins/eap-aka/subscribers
#     with an operator token, 100 per call (K and OPc sealed, stored in the host's PostgreSQL key-value store);
#   - warms up (--warmup seconds per path), then drives the vectors in 10 s windows until their rate settles (within
#     5 %; at most $BENCH_SETTLE_MAX seconds, default 120);
#   - measures with wrk, the paths taking turns over the rounds:
#       health   GET /q/health/live                   (the reference: no security, no plugin, no database)
#       vectors  POST /v1/plugins/eap-aka/vectors {"imsi": random, "method":"AKA"}, the operator's token: one AKA
#                vector (MILENAGE f1..f5), its SQN from the operator's block reserved in PostgreSQL (one upsert per
#                sqn.block-size vectors, none per vector), the subscriber opened from its cache or the store;
# and prints vectors/s, p50/p99, the host's RSS and the ratio. Stops what it started. BENCH_SKIP_BUILD=1 measures the
# jar as it is.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

PORT=${BENCH_EAP_PORT:-18093}
DB=${BENCH_EAP_DATABASE:-bench_eap_vectors}
SUBSCRIBERS=10000
BENCH_USAGE="[--subscribers N]"
bench_option() {
  case "$1" in
    --subscribers) SUBSCRIBERS=$2 ;;
    *) return 1 ;;
  esac
}
bench_wrk_options eap-vectors "$PORT" "$@"

bench_require_wrk
bench_infra
JAR=$(bench_module_jar plugin-host)
LOG_DIR=$ROOT/tools/bench/target
mkdir -p "$LOG_DIR"
BASE=http://127.0.0.1:$PORT
LOG=$LOG_DIR/eap-vectors-plugin-host.log

PGPASSWORD=$HOP_DB_PASSWORD psql -h "$HOP_DB_HOST" -p "$HOP_DB_PORT" -U "$HOP_DB_USER" -d postgres -v ON_ERROR_STOP=1 -qtA \
  -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB" >/dev/null
trap stop_service EXIT
bench_log "starting plugin-host on port $PORT (log: $LOG)"
QUARKUS_HTTP_PORT=$PORT \
QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://$HOP_DB_HOST:$HOP_DB_PORT/$DB" \
QUARKUS_DATASOURCE_USERNAME=$HOP_DB_USER QUARKUS_DATASOURCE_PASSWORD=$HOP_DB_PASSWORD \
HOP_SECURITY_ALLOW_DEVELOPMENT_KEY=true HOP_CONSUMER_GROUP="bench-eap-vectors-$$" \
HOP_PLUGIN_HOST_PLUGINS_DIR="$ROOT/plugin-host/target/plugins" \
  java "${BENCH_SERVICE_JVM[@]}" ${BENCH_JAVA_OPTS:-} \
  "-Dhop.plugin-host.plugins.\"eap-aka\".secrets.subscriber-key=bench-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')" \
  -jar "$JAR" >"$LOG" 2>&1 </dev/null &
SERVICE_PID=$!
bench_wait_ready plugin-host "$SERVICE_PID" "$BASE" "$LOG"

OPERATOR=bench-$(od -An -N4 -tx1 /dev/urandom | tr -d ' \n')
export BENCH_EAP_TOKEN=$("$ROOT/bin/token" operator "$OPERATOR")
export BENCH_EAP_SUBSCRIBERS=$SUBSCRIBERS BENCH_EAP_IMSI_PREFIX=00101
post() { # OPERATION BODY-FILE: fails unless 200; a 504 (the plugin's operation timeout, on a busy machine) is retried:
  local status attempt   # storing subscribers again is harmless
  for attempt in 1 2 3 4 5; do
    status=$(curl -sS -o "$LOG_DIR/eap-vectors-answer.json" -w '%{http_code}' -X POST "$BASE/v1/plugins/eap-aka/$1" \
      -H "Authorization: Bearer $BENCH_EAP_TOKEN" -H 'Content-Type: application/json' --data-binary "@$2")
    [ "$status" = 504 ] || break
    bench_log "$1 timed out (attempt $attempt); again"
  done
  [ "$status" = 200 ] || { echo "bench eap-vectors: $1 answered $status: $(cat "$LOG_DIR/eap-vectors-answer.json")" >&2; exit 1; }
}

bench_log "importing $SUBSCRIBERS subscribers through the subscribers operation (100 per call, each call one batch write of the store)"
import_start=$(date +%s)
BATCH=$LOG_DIR/eap-vectors-subscribers.json
for first in $(seq 1 100 "$SUBSCRIBERS"); do
  last=$(( first + 99 < SUBSCRIBERS ? first + 99 : SUBSCRIBERS ))
  awk -v first="$first" -v last="$last" -v prefix="$BENCH_EAP_IMSI_PREFIX" 'BEGIN {
    printf "{\"subscribers\":["
    for (i = first; i <= last; i++)
      printf "%s{\"imsi\":\"%s%010d\",\"k\":\"%016x%016x\",\"opc\":\"%016x%016x\"}", (i > first ? "," : ""),
        prefix, i, i * 2654435761 % 4294967296, i, i * 40503 % 65536, i * 7919
    printf "]}"
  }' >"$BATCH"
  post subscribers "$BATCH"
done
bench_log "imported in $(( $(date +%s) - import_start ))s"
printf '{"imsi":"%s%010d","method":"AKA"}' "$BENCH_EAP_IMSI_PREFIX" 1 >"$BATCH"
post vectors "$BATCH"

SCRIPT=$ROOT/tools/bench/scenarios/eap-vectors.lua
# wrk_run SECONDS PATH|vectors: prints "req/s p50 p99 non2xx".
wrk_run() {
  local t=$THREADS
  [ "$t" -le "$CONNECTIONS" ] || t=$CONNECTIONS
  if [ "$2" = vectors ]; then
    wrk -t"$t" -c"$CONNECTIONS" -d"$1s" --latency -s "$SCRIPT" "$BASE" | bench_wrk_figures
  else
    wrk -t"$t" -c"$CONNECTIONS" -d"$1s" --latency "$BASE$2" | bench_wrk_figures
  fi
}

bench_log "warming up (${WARMUP}s per path)"
wrk_run "$WARMUP" /q/health/live >/dev/null
wrk_run "$WARMUP" vectors >/dev/null
bench_settle vectors "${BENCH_SETTLE_MAX:-120}"

# The paths take turns, as in bench http, so that a drift of the machine weighs on both alike.
ROUND_SECONDS=$(( (DURATION + ROUNDS - 1) / ROUNDS ))
ROUNDS_FILE=$LOG_DIR/eap-vectors-rounds.txt
bench_log "measuring (${ROUNDS} rounds of ${ROUND_SECONDS}s per path, $THREADS threads, $CONNECTIONS connections)"
: >"$ROUNDS_FILE"
for round in $(seq 1 "$ROUNDS"); do
  echo "health $(wrk_run "$ROUND_SECONDS" /q/health/live)" >>"$ROUNDS_FILE"
  echo "vectors $(wrk_run "$ROUND_SECONDS" vectors)" >>"$ROUNDS_FILE"
done
read -r health_rps health_p50 health_p99 _ <<<"$(bench_rounds_summary health "$ROUNDS_FILE")"
read -r vectors_rps vectors_p50 vectors_p99 vectors_non2xx <<<"$(bench_rounds_summary vectors "$ROUNDS_FILE")"
[ "$vectors_non2xx" = 0 ] || { echo "bench eap-vectors: $vectors_non2xx vector requests did not answer 2xx" >&2; exit 1; }
rss=$(bench_rss_mib "$SERVICE_PID")
export PGPASSWORD=$HOP_DB_PASSWORD
counter=$(psql -h "$HOP_DB_HOST" -p "$HOP_DB_PORT" -U "$HOP_DB_USER" -d "$DB" -qtA \
  -c "select value from plugin_counter where plugin_id = 'eap-aka' and key = 'sqn-counter'")

printf '%-44s %10s %9s %9s %7s\n' path 'req/s' 'p50 ms' 'p99 ms' ratio
printf '%-44s %10s %9s %9s %7s\n' 'GET /q/health/live' "$health_rps" "$health_p50" "$health_p99" 1.00
printf '%-44s %10s %9s %9s %7s\n' 'POST /v1/plugins/eap-aka/vectors (AKA)' "$vectors_rps" "$vectors_p50" "$vectors_p99" "$(bench_ratio "$vectors_rps" "$health_rps")"
echo "settling: $SETTLE_REPORT"
echo "plugin-host RSS: ${rss} MiB; $SUBSCRIBERS subscribers; SQN counter persisted at $counter; wrk: $THREADS threads, $CONNECTIONS connections, ${DURATION}s per path in $ROUNDS rounds; $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "eap-vectors: $vectors_rps vectors/s; reference $health_rps req/s; ratio $(bench_ratio "$vectors_rps" "$health_rps")"
