#!/usr/bin/env bash
# Entitlement checks (ALLOW_ALL, PLAN_ALLOWANCE, WEBHOOK to a local stub; stored, published, group commit) vs health
#
# usage: bin/bench entitlement-check [--devices N] [--duration SECONDS] [--warmup SECONDS] [--connections N]
#                                    [--threads N] [--rounds N]
#
# Starts its own entitlement-service (packaged jar, prod profile, port $BENCH_ENT_PORT or 18086, database
# bench_entitlement) against bin/infra's PostgreSQL and Kafka, and a webhook stub (tools/bench/.../WebhookStub.java,
# answers SUCCESS at once, port $BENCH_ENT_STUB_PORT or 18087), then:
#   - its consumers start at the end of the shared topics (the read model is loaded below; rebuilding it from the
#     compacted provisioning.changes.v1, which other benchmarks fill with millions of devices, would be measured too);
#   - loads three operators' read model (a sharing policy requiring entitlement, a group by IMSI prefix, N devices
#     each) straight into the service's read-model tables, as provisioning's events would have;
#   - defines each operator's provider through the API: ALLOW_ALL, PLAN_ALLOWANCE, WEBHOOK (the stub);
#   - warms up (--warmup seconds per path), then drives ALLOW_ALL in windows of 10 s until its rate settles (within
#     5 % of the window before; at most $BENCH_SETTLE_MAX seconds, default 120);
#   - measures with wrk, the paths taking turns over the rounds: GET /q/health/live (the reference) and
#     POST /v1/entitlement-checks {"deviceId": random} with each operator's token (every decision stored and
#     published through the outbox, batched by the group commit);
#   - then ALLOW_ALL again at about half its maximum rate (each connection pausing; wrk2 is not packaged): p50, p99.
# Stops what it started. BENCH_SKIP_BUILD=1 measures the jar as it is.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

PORT=${BENCH_ENT_PORT:-18086}
STUB_PORT=${BENCH_ENT_STUB_PORT:-18087}
DB=${BENCH_ENT_DATABASE:-bench_entitlement}
DEVICES=10000
BENCH_USAGE="[--devices N]"
bench_option() {
  case "$1" in
    --devices) DEVICES=$2 ;;
    *) return 1 ;;
  esac
}
bench_wrk_options entitlement-check "$PORT" "$@"

bench_require_wrk
bench_infra
JAR=$(bench_module_jar entitlement-service)
LOG_DIR=$ROOT/tools/bench/target
mkdir -p "$LOG_DIR"
BASE=http://127.0.0.1:$PORT

STUB_PID=
cleanup() { stop_service; [ -n "$STUB_PID" ] && kill "$STUB_PID" 2>/dev/null || true; }
java "$ROOT/tools/bench/src/main/java/io/hop/bench/entitlement/WebhookStub.java" "$STUB_PORT" >"$LOG_DIR/entitlement-stub.log" 2>&1 &
STUB_PID=$!

export PGPASSWORD=$HOP_DB_PASSWORD
PGPASSWORD=$HOP_DB_PASSWORD psql -h "$HOP_DB_HOST" -p "$HOP_DB_PORT" -U "$HOP_DB_USER" -d postgres -v ON_ERROR_STOP=1 -qtA \
  -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB" >/dev/null
trap cleanup EXIT
bench_log "starting entitlement-service on port $PORT"
QUARKUS_HTTP_PORT=$PORT \
QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://$HOP_DB_HOST:$HOP_DB_PORT/$DB" \
QUARKUS_DATASOURCE_USERNAME=$HOP_DB_USER QUARKUS_DATASOURCE_PASSWORD=$HOP_DB_PASSWORD \
HOP_SECURITY_ALLOW_DEVELOPMENT_KEY=true HOP_ENTITLEMENT_WEBHOOK_ALLOW_INSECURE_HTTP=true \
HOP_CONSUMER_GROUP="bench-entitlement-$$" \
  java "${BENCH_SERVICE_JVM[@]}" ${BENCH_JAVA_OPTS:-} "$(bench_gc_log_option "$LOG_DIR/entitlement-check-service-gc.log")" \
    -Dmp.messaging.incoming.provisioning-changes.auto.offset.reset=latest \
    -Dmp.messaging.incoming.usage-alerts.auto.offset.reset=latest -jar "$JAR" >"$LOG_DIR/entitlement-check-service.log" 2>&1 </dev/null &
SERVICE_PID=$!
bench_wait_ready entitlement-service "$SERVICE_PID" "$BASE" "$LOG_DIR/entitlement-check-service.log"

psql_db() { psql -h "$HOP_DB_HOST" -p "$HOP_DB_PORT" -U "$HOP_DB_USER" -d "$DB" -v ON_ERROR_STOP=1 -qtA "$@"; }
RUN=$(od -An -N4 -tx1 /dev/urandom | tr -d ' \n')
load_operator() { # OPERATOR PROVIDER_NAME
  local op=$1 provider=$2
  psql_db <<SQL >/dev/null
insert into known_sharing_policy (policy_id, operator_id, version, changed_at, state) values ('pol-$op', '$op', 1, now(),
  '{"operatorId":"$op","policyId":"pol-$op","name":"Bench","settings":{"enabled":true,"entitlementRequired":true,"entitlementProvider":"$provider","entitlementInterval":0,"maxUsers":5,"maxBluetoothUsers":7,"peerlessTimeout":5,"publicConnectionTimeout":20,"moHelpNumber":"+1 555 0100","moInfoLink":null,"moAppLink":null,"moHelpMessage":null,"dedicatedConnections":[],"tetheringNaiConnection":null},"version":1,"changedAt":"2025-01-01T00:00:00Z"}');
insert into known_device_group (group_id, operator_id, version, changed_at, state) values ('grp-$op', '$op', 1, now(),
  '{"operatorId":"$op","groupId":"grp-$op","name":"All","precedence":10,"match":{"imsiPrefixes":["001"],"iccidRanges":null,"providerIds":null,"providerNames":null},"sharingPolicyId":"pol-$op","hotspotProfileIds":[],"planId":null,"version":1,"changedAt":"2025-01-01T00:00:00Z"}');
insert into known_device_group_revision (operator_id, revision) values ('$op', nextval('known_device_group_revision_seq'));
insert into known_configuration_revision (operator_id, revision) values ('$op', nextval('known_configuration_revision_seq'));
$(bench_readmodel_devices_sql "$op" "$DEVICES")
analyze known_device;
SQL
}
api() { # METHOD PATH BODY TOKEN
  local out status
  out=$(curl -sS -w '\n%{http_code}' -X "$1" "$BASE$2" -H "Authorization: Bearer $4" -H 'Content-Type: application/json' ${3:+-d "$3"})
  status=${out##*$'\n'}
  [ "${status:0:1}" = 2 ] || { echo "bench entitlement-check: $1 $2 answered $status: ${out%$'\n'*}" >&2; exit 1; }
}
declare -A TOKEN
for kind in allow plan hook; do
  op=bench-$kind-$RUN
  load_operator "$op" "p-$kind"
  TOKEN[$kind]=$("$ROOT/bin/token" operator "$op")
done
bench_log "loaded 3 operators x $DEVICES devices"
api PUT "/v1/operators/bench-allow-$RUN/entitlement-providers/p-allow" '{"type":"ALLOW_ALL"}' "${TOKEN[allow]}"
api PUT "/v1/operators/bench-plan-$RUN/entitlement-providers/p-plan" '{"type":"PLAN_ALLOWANCE"}' "${TOKEN[plan]}"
api PUT "/v1/operators/bench-hook-$RUN/entitlement-providers/p-hook" \
  "{\"type\":\"WEBHOOK\",\"url\":\"http://127.0.0.1:$STUB_PORT/entitlement\",\"secret\":\"bench-secret-0123456789\"}" "${TOKEN[hook]}"
for kind in allow plan hook; do
  # a few tries: the first webhook call of two cold JVMs on a busy machine may exceed the 2 s timeout
  for attempt in 1 2 3 4 5; do
    sample=$(curl -sS -X POST "$BASE/v1/entitlement-checks" -H "Authorization: Bearer ${TOKEN[$kind]}" \
      -H 'Content-Type: application/json' -d '{"deviceId":"dev-1"}')
    case "$sample" in *'"result":"SUCCESS"'*) break ;; esac
    [ "$attempt" = 5 ] && { echo "bench entitlement-check: $kind check answered $sample" >&2; exit 1; }
    sleep 1
  done
done

SCRIPT=$ROOT/tools/bench/scenarios/entitlement-check.lua
export BENCH_ENT_DEVICES=$DEVICES
wrk_run() { # SECONDS health|allow|plan|hook
  local t=$THREADS
  [ "$t" -le "$CONNECTIONS" ] || t=$CONNECTIONS
  if [ "$2" = health ]; then
    wrk -t"$t" -c"$CONNECTIONS" -d"$1s" --latency "$BASE/q/health/live" | bench_wrk_figures
  else
    BENCH_ENT_TOKEN=${TOKEN[$2]} wrk -t"$t" -c"$CONNECTIONS" -d"$1s" --latency -s "$SCRIPT" "$BASE" | bench_wrk_figures
  fi
}

bench_log "warming up (${WARMUP}s per path)"
for path in health allow plan hook; do wrk_run "$WARMUP" $path >/dev/null; done
bench_settle allow "${BENCH_SETTLE_MAX:-120}"
ROUND_SECONDS=$(( (DURATION + ROUNDS - 1) / ROUNDS ))
ROUNDS_FILE=$LOG_DIR/entitlement-check-rounds.txt
bench_log "measuring (${ROUNDS} rounds of ${ROUND_SECONDS}s per path, $THREADS threads, $CONNECTIONS connections)"
: >"$ROUNDS_FILE"
for round in $(seq 1 "$ROUNDS"); do
  for path in health allow plan hook; do echo "$path $(wrk_run "$ROUND_SECONDS" $path)" >>"$ROUNDS_FILE"; done
done
read -r health_rps health_p50 health_p99 _ <<<"$(bench_rounds_summary health "$ROUNDS_FILE")"
read -r allow_rps allow_p50 allow_p99 allow_non2xx <<<"$(bench_rounds_summary allow "$ROUNDS_FILE")"
read -r plan_rps plan_p50 plan_p99 plan_non2xx <<<"$(bench_rounds_summary plan "$ROUNDS_FILE")"
read -r hook_rps hook_p50 hook_p99 hook_non2xx <<<"$(bench_rounds_summary hook "$ROUNDS_FILE")"
[ $((allow_non2xx + plan_non2xx + hook_non2xx)) = 0 ] \
  || { echo "bench entitlement-check: non-2xx answers: allow $allow_non2xx, plan $plan_non2xx, webhook $hook_non2xx" >&2; exit 1; }

DELAY_MS=$(awk -v c="$CONNECTIONS" -v r="$allow_rps" 'BEGIN { d = int(c * 1000 / (r / 2) + 0.5); print (d < 1 ? 1 : d) }')
export BENCH_ENT_DELAY_MS=$DELAY_MS
bench_gc_mark "$LOG_DIR/entitlement-check-service-gc.log"
read -r half_rps half_p50 half_p99 _ <<<"$(wrk_run "$DURATION" allow)"
gc_paced=$(bench_gc_summary "$LOG_DIR/entitlement-check-service-gc.log")
unset BENCH_ENT_DELAY_MS
rss=$(bench_rss_mib "$SERVICE_PID")
# the group commit's own figures over the whole run: decisions per transaction, time per batch (take -> commit)
metrics=$(curl -fsS "$BASE/q/metrics" 2>/dev/null || true)
metric() { printf '%s\n' "$metrics" | awk -v n="$1" '$1 == n && !found { print $2; found = 1 }'; }
batches=$(metric hop_entitlement_group_commit_batch_count)
batch_sum=$(metric hop_entitlement_group_commit_batch_sum)
write_sum=$(metric hop_entitlement_group_commit_write_seconds_sum)
write_max=$(metric hop_entitlement_group_commit_write_seconds_max)
decisions=$(psql_db -c "select count(*) from entitlement_decision")
unsent=$(psql_db -c "select count(*) from hop_outbox where sent_at is null")

printf '%-46s %10s %9s %9s %7s\n' path 'req/s' 'p50 ms' 'p99 ms' ratio
printf '%-46s %10s %9s %9s %7s\n' 'GET /q/health/live' "$health_rps" "$health_p50" "$health_p99" 1.00
printf '%-46s %10s %9s %9s %7s\n' 'POST /v1/entitlement-checks ALLOW_ALL' "$allow_rps" "$allow_p50" "$allow_p99" "$(bench_ratio "$allow_rps" "$health_rps")"
printf '%-46s %10s %9s %9s %7s\n' 'POST /v1/entitlement-checks PLAN_ALLOWANCE' "$plan_rps" "$plan_p50" "$plan_p99" "$(bench_ratio "$plan_rps" "$health_rps")"
printf '%-46s %10s %9s %9s %7s\n' 'POST /v1/entitlement-checks WEBHOOK (stub)' "$hook_rps" "$hook_p50" "$hook_p99" "$(bench_ratio "$hook_rps" "$health_rps")"
printf '%-46s %10s %9s %9s %7s\n' 'POST /v1/entitlement-checks ALLOW_ALL (paced)' "$half_rps" "$half_p50" "$half_p99" "$(bench_ratio "$half_rps" "$health_rps")"
echo "half rate: $CONNECTIONS connections pausing ${DELAY_MS} ms gave $half_rps req/s, $(bench_ratio "$half_rps" "$allow_rps") of the maximum; p99 ${half_p99} ms (target <= 5 ms)"
echo "entitlement-service's collections during the paced run: $gc_paced"
echo "targets: no-remote-call checks >= 0.50 of the reference, webhook >= 0.30"
echo "settling: $SETTLE_REPORT"
echo "decisions stored: $decisions (outbox not yet sent at the end: $unsent)"
if [ -n "$batches" ] && [ "${batches%.*}" != 0 ]; then
  awk -v b="$batches" -v d="$batch_sum" -v w="$write_sum" -v m="$write_max" 'BEGIN {
    printf "group commit: %d batches, %.1f decisions per batch, %.1f ms per batch written and committed (max of the last minutes %.1f ms)\n", b, d / b, w * 1000 / b, m * 1000 }'
fi
echo "entitlement-service RSS: ${rss} MiB; 3 operators x $DEVICES devices; wrk: $THREADS threads, $CONNECTIONS connections, ${DURATION}s per path in $ROUNDS rounds; $(nproc) cores"
echo "entitlement-check: $allow_rps req/s; reference $health_rps req/s; ratio $(bench_ratio "$allow_rps" "$health_rps")"
