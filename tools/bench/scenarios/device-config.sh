#!/usr/bin/env bash
# A device's configuration among a million devices (wrk, random devices with their own tokens) vs health
#
# usage: bin/bench device-config [--devices N] [--tokens N] [--duration SECONDS] [--warmup SECONDS]
#                                [--connections N] [--threads N] [--rounds N]
#
# Starts its own provisioning-service (packaged jar, prod profile, port $BENCH_DEVICE_PORT or 18085, database
# bench_device_config) against bin/infra's PostgreSQL and Kafka, then:
#   - creates an operator, a sharing policy, a WISPr hotspot profile, a plan and four device groups by IMSI prefix
#     (all through the API);
#   - bulk-loads N devices (default 1,000,000) with one INSERT … SELECT … FROM generate_series: device rows only,
#     no entity_version rows or events (a registration through the API writes those; the configuration read needs
#     neither);
#   - signs device tokens for --tokens (default 10,000) distinct random devices;
#   - warms up (--warmup seconds per path), then drives config in windows of 10 s until the rate settles (within 5 %
#     of the window before; at most $BENCH_SETTLE_MAX seconds, default 120);
#   - measures with wrk, the paths taking turns over the rounds:
#       health   GET /q/health/live                     (the reference: no security, no database)
#       config   GET /v1/devices/{random}/config, that device's token (JWT, one indexed query, snapshot, bytes)
#   - and then the latency at about half the maximum rate: wrk2 is not packaged, so wrk runs again with every
#     connection pausing before each request (device-config.lua's delay()) for about half the maximum: rate, p50, p99;
#     taking turns with the reference paced alike (same connections, same pause), whose p99 is the floor that wrk,
#     PostgreSQL and the service sharing the machine's cores leave to any request (p99: the median of the rounds).
# Stops what it started. BENCH_SKIP_BUILD=1 measures the jar as it is; BENCH_DEVICE_JAR another jar.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

PORT=${BENCH_DEVICE_PORT:-18085}
DB=${BENCH_DEVICE_DATABASE:-bench_device_config}
DEVICES=1000000
TOKENS=10000
BENCH_USAGE="[--devices N] [--tokens N]"
bench_option() {
  case "$1" in
    --devices) DEVICES=$2 ;;
    --tokens) TOKENS=$2 ;;
    *) return 1 ;;
  esac
}
bench_wrk_options device-config "$PORT" "$@"

bench_require_wrk
bench_infra
JAR=$(bench_provisioning_jar "${BENCH_DEVICE_JAR:-}")
LOG_DIR=$ROOT/tools/bench/target
mkdir -p "$LOG_DIR"
BASE=http://127.0.0.1:$PORT
bench_start_provisioning "$JAR" "$PORT" "$DB" "$LOG_DIR/device-config-provisioning-service.log"

export PGPASSWORD=$HOP_DB_PASSWORD
psql_db() { psql -h "$HOP_DB_HOST" -p "$HOP_DB_PORT" -U "$HOP_DB_USER" -d "$DB" -v ON_ERROR_STOP=1 -qtA "$@"; }
api() { # METHOD PATH BODY TOKEN: prints the body; fails unless 2xx
  local out status
  out=$(curl -sS -w '\n%{http_code}' -X "$1" "$BASE$2" -H "Authorization: Bearer $4" -H 'Content-Type: application/json' ${3:+-d "$3"})
  status=${out##*$'\n'}
  [ "${status:0:1}" = 2 ] || { echo "bench device-config: $1 $2 answered $status: ${out%$'\n'*}" >&2; exit 1; }
  printf '%s' "${out%$'\n'*}"
}

OPERATOR=bench-$(od -An -N4 -tx1 /dev/urandom | tr -d ' \n')
api POST /v1/operators "{\"id\":\"$OPERATOR\",\"name\":\"Benchmark operator\"}" "$("$ROOT/bin/token" admin)" >/dev/null
OPERATOR_TOKEN=$("$ROOT/bin/token" operator "$OPERATOR")

# What the groups assign, through the API as an operator would: a sharing policy, a WISPr hotspot profile, a plan.
id_of() { grep -o '"id" *: *"[^"]*"' | head -1 | sed 's/.*"\([^"]*\)"$/\1/'; }
POLICY=$(api POST "/v1/operators/$OPERATOR/sharing-policies" \
  '{"name":"Bench sharing","settings":{"enabled":true,"entitlementRequired":true,"entitlementProvider":"bench","maxUsers":5}}' \
  "$OPERATOR_TOKEN" | id_of)
PROFILE=$(api POST "/v1/operators/$OPERATOR/hotspot-profiles" \
  '{"displayName":"Bench hotspots","ssids":["Bench-WiFi"],"relation":"HOME","authMethod":"WISPR","preference":"PREFERRED_OVER_CELLULAR","priority":1,"wispr":{"credentials":"STATIC","username":"bench","password":"bench-secret","trustedLoginDomains":["login.bench.example"]}}' \
  "$OPERATOR_TOKEN" | id_of)
PLAN=$(api POST "/v1/operators/$OPERATOR/plans" '{"name":"Bench 10 GB","dataLimitBytes":10737418240,"metered":true}' \
  "$OPERATOR_TOKEN" | id_of)
[ -n "$POLICY" ] && [ -n "$PROFILE" ] && [ -n "$PLAN" ] \
  || { echo "bench device-config: could not read the ids of the policy, profile and plan it created" >&2; exit 1; }
for n in 1 2 3 4; do
  api POST "/v1/operators/$OPERATOR/device-groups" "{\"name\":\"IMSI 2620$n\",\"precedence\":$((n * 10)),\"match\":{\"imsiPrefixes\":[\"2620$n\"]},\"sharingPolicyId\":\"$POLICY\",\"hotspotProfileIds\":[\"$PROFILE\"],\"planId\":\"$PLAN\"}" "$OPERATOR_TOKEN" >/dev/null
done

bench_log "bulk-loading $DEVICES devices (INSERT … SELECT … FROM generate_series)"
load_start=$(date +%s)
psql_db <<SQL >/dev/null
insert into device (operator_id, device_id, imsi, iccid, provider_id, provider_name, version, changed_at)
select '$OPERATOR', 'dev-' || i, '2620' || (1 + i % 4) || lpad(i::text, 10, '0'), '894902' || lpad(i::text, 13, '0'),
       null, 'Bench Mobile', 1, now()
  from generate_series(1, $DEVICES) i;
analyze device;
SQL
bench_log "loaded in $(( $(date +%s) - load_start ))s; device table $(psql_db -c "select pg_size_pretty(pg_total_relation_size('device'))")"

bench_log "signing $TOKENS device tokens"
export BENCH_DEVICE_TOKENS=$LOG_DIR/device-config-tokens.txt
java "$ROOT/tools/bench/src/main/java/io/hop/bench/device/DeviceTokens.java" \
  "$ROOT/libs/testing/src/main/resources/hop/dev-jwt/private-key.pem" "$OPERATOR" "$DEVICES" "$TOKENS" 7200 "$BENCH_DEVICE_TOKENS"
read -r sample_device sample_token <"$BENCH_DEVICE_TOKENS"
status=$(curl -sS -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $sample_token" "$BASE/v1/devices/$sample_device/config")
[ "$status" = 200 ] || { echo "bench device-config: GET /v1/devices/$sample_device/config answered $status" >&2; exit 1; }

SCRIPT=$ROOT/tools/bench/scenarios/device-config.lua
# wrk_run SECONDS PATH|config [CONNECTIONS]: prints "req/s p50 p99 non2xx".
wrk_run() {
  local c=${3:-$CONNECTIONS} t=$THREADS
  [ "$t" -le "$c" ] || t=$c
  if [ "$2" = config ]; then
    wrk -t"$t" -c"$c" -d"$1s" --latency -s "$SCRIPT" "$BASE" | bench_wrk_figures
  else
    wrk -t"$t" -c"$c" -d"$1s" --latency "$BASE$2" | bench_wrk_figures
  fi
}

bench_log "warming up (${WARMUP}s per path)"
wrk_run "$WARMUP" /q/health/live >/dev/null
wrk_run "$WARMUP" config >/dev/null
bench_settle config "${BENCH_SETTLE_MAX:-120}"

# The paths take turns, as in bench http, so that a drift of the machine weighs on both alike.
ROUND_SECONDS=$(( (DURATION + ROUNDS - 1) / ROUNDS ))
ROUNDS_FILE=$LOG_DIR/device-config-rounds.txt
bench_log "measuring (${ROUNDS} rounds of ${ROUND_SECONDS}s per path, $THREADS threads, $CONNECTIONS connections)"
: >"$ROUNDS_FILE"
for round in $(seq 1 "$ROUNDS"); do
  echo "health $(wrk_run "$ROUND_SECONDS" /q/health/live)" >>"$ROUNDS_FILE"
  echo "config $(wrk_run "$ROUND_SECONDS" config)" >>"$ROUNDS_FILE"
done
read -r health_rps health_p50 health_p99 _ <<<"$(bench_rounds_summary health "$ROUNDS_FILE")"
read -r config_rps config_p50 config_p99 config_non2xx <<<"$(bench_rounds_summary config "$ROUNDS_FILE")"
[ "$config_non2xx" = 0 ] || { echo "bench device-config: $config_non2xx configuration requests did not answer 2xx" >&2; exit 1; }

# About half the maximum rate: the same connections, each pausing before every request so that together they send
# about half of config_rps (wrk's delay(), in whole milliseconds). Latency is measured from each request's send, as
# wrk does (no correction for coordinated omission).
DELAY_MS=$(awk -v c="$CONNECTIONS" -v r="$config_rps" 'BEGIN { d = int(c * 1000 / (r / 2) + 0.5); print (d < 1 ? 1 : d) }')
# The paced configuration and the reference paced alike take turns too (the median of the rounds' p99s), because on
# these machines a minute's noise moves the half-rate p99 more than any change of the path does.
export BENCH_DEVICE_DELAY_MS=$DELAY_MS
PACED_FILE=$LOG_DIR/device-config-paced-rounds.txt
: >"$PACED_FILE"
GC_LOG=$LOG_DIR/device-config-provisioning-service-gc.log
bench_gc_mark "$GC_LOG"
for round in $(seq 1 "$ROUNDS"); do
  echo "config $(wrk_run "$ROUND_SECONDS" config)" >>"$PACED_FILE"
  echo "health $(BENCH_DEVICE_REFERENCE_PATH=/q/health/live wrk_run "$ROUND_SECONDS" config)" >>"$PACED_FILE"
done
unset BENCH_DEVICE_DELAY_MS
gc_paced=$(bench_gc_summary "$GC_LOG")
read -r half_rps half_p50 half_p99 _ <<<"$(bench_rounds_summary config "$PACED_FILE")"
read -r paced_health_rps paced_health_p50 paced_health_p99 _ <<<"$(bench_rounds_summary health "$PACED_FILE")"
rss=$(bench_rss_mib "$SERVICE_PID")

printf '%-44s %10s %9s %9s %7s\n' path 'req/s' 'p50 ms' 'p99 ms' ratio
printf '%-44s %10s %9s %9s %7s\n' 'GET /q/health/live' "$health_rps" "$health_p50" "$health_p99" 1.00
printf '%-44s %10s %9s %9s %7s\n' 'GET /v1/devices/{random}/config (max)' "$config_rps" "$config_p50" "$config_p99" "$(bench_ratio "$config_rps" "$health_rps")"
printf '%-44s %10s %9s %9s %7s\n' 'GET /v1/devices/{random}/config (paced)' "$half_rps" "$half_p50" "$half_p99" "$(bench_ratio "$half_rps" "$health_rps")"
printf '%-44s %10s %9s %9s %7s\n' 'GET /q/health/live (paced alike)' "$paced_health_rps" "$paced_health_p50" "$paced_health_p99" "$(bench_ratio "$paced_health_rps" "$health_rps")"
echo "half rate: $CONNECTIONS connections pausing ${DELAY_MS} ms gave $half_rps req/s, $(bench_ratio "$half_rps" "$config_rps") of the maximum; p99 ${half_p99} ms (target <= 5 ms); the reference paced alike: p99 ${paced_health_p99} ms"
echo "paced rounds (req/s p50 p99): $(awk '{ printf "%s%s %s %s %s", (NR > 1 ? "; " : ""), $1, $2, $3, $4 }' "$PACED_FILE")"
echo "provisioning-service's collections during the paced rounds: $gc_paced"
echo "settling: $SETTLE_REPORT"
echo "provisioning-service RSS: ${rss} MiB; $DEVICES devices, $TOKENS device tokens; wrk: $THREADS threads, $CONNECTIONS connections, ${DURATION}s per path in $ROUNDS rounds; $(nproc) cores"
echo "device-config: $config_rps req/s; reference $health_rps req/s; ratio $(bench_ratio "$config_rps" "$health_rps")"
