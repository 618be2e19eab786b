#!/usr/bin/env bash
# Request path of a packaged provisioning-service (wrk): health vs an authenticated read and an authenticated 404
#
# usage: bin/bench http [--duration SECONDS] [--warmup SECONDS] [--connections N] [--threads N] [--rounds N]
#
# Starts its own provisioning-service (packaged jar, prod profile, port $BENCH_HTTP_PORT or 18081, database
# bench_provisioning) against bin/infra's PostgreSQL and Kafka, creates an operator with an admin token, warms up
# (--warmup seconds per path, then the read in 10 s windows until its rate settles within 5 %; at most
# $BENCH_SETTLE_MAX seconds, default 120), then measures with wrk, the paths taking turns:
#   health   GET /q/health/live                        (the reference: no security, no database)
#   read     GET /v1/operators/{own id}, operator token (JWT verification, tenant check, one primary-key read)
#   404      GET /v1/operators/{other id}, operator token (JWT verification, tenant check fails: no database)
# and prints req/s, p50/p99 and the ratio to health for each, and the service's RSS. Stops what it started.
# It packages provisioning-service first, so that it measures the code in the tree (BENCH_SKIP_BUILD=1 measures the
# jar as it is; BENCH_HTTP_JAR measures another jar, e.g. an older build for a before/after comparison).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

PORT=${BENCH_HTTP_PORT:-18081}
DB=${BENCH_HTTP_DATABASE:-bench_provisioning}
bench_wrk_options http "$PORT" "$@"

bench_require_wrk
bench_infra
JAR=$(bench_provisioning_jar "${BENCH_HTTP_JAR:-}")
LOG_DIR=$ROOT/tools/bench/target
mkdir -p "$LOG_DIR"
BASE=http://127.0.0.1:$PORT
bench_start_provisioning "$JAR" "$PORT" "$DB" "$LOG_DIR/http-provisioning-service.log"

OPERATOR=bench-$(od -An -N4 -tx1 /dev/urandom | tr -d ' \n')
OTHER=$OPERATOR-other
status=$(curl -sS -o /dev/null -w '%{http_code}' -X POST "$BASE/v1/operators" \
  -H "Authorization: Bearer $("$ROOT/bin/token" admin)" -H 'Content-Type: application/json' \
  -d "{\"id\":\"$OPERATOR\",\"name\":\"Benchmark operator\"}")
[ "$status" = 201 ] || { echo "bench http: creating operator $OPERATOR answered $status" >&2; exit 1; }
TOKEN=$("$ROOT/bin/token" operator "$OPERATOR")
check() { # expected status, path, [token]
  local got
  got=$(curl -sS -o /dev/null -w '%{http_code}' ${3:+-H "Authorization: Bearer $3"} "$BASE$2")
  [ "$got" = "$1" ] || { echo "bench http: GET $2 answered $got, expected $1" >&2; exit 1; }
}
check 200 /q/health/live
check 200 "/v1/operators/$OPERATOR" "$TOKEN"
check 404 "/v1/operators/$OTHER" "$TOKEN"

# wrk_run SECONDS PATH [TOKEN]: prints "req/s p50 p99 non2xx" (latencies in ms).
wrk_run() {
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$1s" --latency ${3:+-H "Authorization: Bearer $3"} "$BASE$2" | bench_wrk_figures
}

bench_log "warming up (${WARMUP}s per path)"
for path in "/q/health/live|" "/v1/operators/$OPERATOR|$TOKEN" "/v1/operators/$OTHER|$TOKEN"; do
  wrk_run "$WARMUP" "${path%%|*}" "${path#*|}" >/dev/null
done
bench_settle "/v1/operators/$OPERATOR" "${BENCH_SETTLE_MAX:-120}" 10 "$TOKEN"

# The paths take turns, ROUNDS times DURATION/ROUNDS seconds each, so that a drift of the machine's speed during the
# run (other processes, CPU frequency) weighs on every path alike: the ratios hold even when the absolute figures move.
# req/s is the mean over the rounds; p50 and p99 are the median of the rounds'.
ROUND_SECONDS=$(( (DURATION + ROUNDS - 1) / ROUNDS ))
bench_log "measuring (${ROUNDS} rounds of ${ROUND_SECONDS}s per path, $THREADS threads, $CONNECTIONS connections)"
: >"$LOG_DIR/http-rounds.txt"
for round in $(seq 1 "$ROUNDS"); do
  echo "health $(wrk_run "$ROUND_SECONDS" /q/health/live)" >>"$LOG_DIR/http-rounds.txt"
  echo "read $(wrk_run "$ROUND_SECONDS" "/v1/operators/$OPERATOR" "$TOKEN")" >>"$LOG_DIR/http-rounds.txt"
  echo "notfound $(wrk_run "$ROUND_SECONDS" "/v1/operators/$OTHER" "$TOKEN")" >>"$LOG_DIR/http-rounds.txt"
done
summary() { bench_rounds_summary "$1" "$LOG_DIR/http-rounds.txt"; }
read -r health_rps health_p50 health_p99 _ <<<"$(summary health)"
read -r read_rps read_p50 read_p99 _ <<<"$(summary read)"
read -r nf_rps nf_p50 nf_p99 nf_non2xx <<<"$(summary notfound)"
rss=$(bench_rss_mib "$SERVICE_PID")
[ "$nf_non2xx" -gt 0 ] || { echo "bench http: the 404 path answered 2xx" >&2; exit 1; }

ratio() { bench_ratio "$@"; }
printf '%-32s %10s %9s %9s %7s\n' path 'req/s' 'p50 ms' 'p99 ms' ratio
printf '%-32s %10s %9s %9s %7s\n' 'GET /q/health/live' "$health_rps" "$health_p50" "$health_p99" 1.00
printf '%-32s %10s %9s %9s %7s\n' 'GET /v1/operators/{id} (200)' "$read_rps" "$read_p50" "$read_p99" "$(ratio "$read_rps" "$health_rps")"
printf '%-32s %10s %9s %9s %7s\n' 'GET /v1/operators/{other} (404)' "$nf_rps" "$nf_p50" "$nf_p99" "$(ratio "$nf_rps" "$health_rps")"
echo "settling: $SETTLE_REPORT"
echo "provisioning-service RSS: ${rss} MiB; wrk: $THREADS threads, $CONNECTIONS connections, ${DURATION}s per path in $ROUNDS rounds; $(nproc) cores"
echo "http: $read_rps req/s; reference $health_rps req/s; ratio $(ratio "$read_rps" "$health_rps")"
