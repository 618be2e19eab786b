#!/usr/bin/env bash
# 40-network scans (POST /v1/devices/{id}/scans, wrk) through offload-service and a real plugin-host with 3 plugins vs health
#
# usage: bin/bench scan [--devices N] [--duration SECONDS] [--warmup SECONDS] [--connections N] [--threads N]
#                       [--rounds N]
#
# Two JVMs must be warm: the warm-up is 60 s per path by default, then scans in windows of 10 s until the rate settles
# (at most $BENCH_SETTLE_MAX seconds, default 300; docs/benchmarks.md).
# Starts, against bin/infra's PostgreSQL and Kafka, from the packaged jars (prod profile, the development key allowed):
#   - plugin-host (port $BENCH_SCAN_HOST_PORT or 18094, fresh database bench_scan_plugin_host) with a plugins
#     directory of its own, tools/bench/target/scan-plugins, holding exactly 3 plugins as the build lays them out:
#       wispr (rank 9)                  WISPR profiles of the operator, by SSID          -> Wispr-<n>
#       provisioned-hotspots (rank 10)  all the operator's profiles, by SSID and ANQP    -> Hotspot-<n>, Passpoint-<n>
#       partner-example (rank 100)      SSIDs of its config.ssids (a deployment setting) -> CoffeeCo-<n>
#     (eap-aka, the 4th built-in, identifies no network; it is left out.) wispr and provisioned-hotspots read the
#     operator's hotspot profiles from plugin-host's read model (known_hotspot_profile) on every identification; the
#     bench loads the operator $BENCH_SCAN_OPERATOR (default "bench"), 17 profiles (10 EAP-AKA by SSID, one of them
#     FALLBACK_ONLY; 2 Passpoint: NAI realm + PLMN id HOME, RC OI ROAMING_PARTNER; 5 WISPR by SSID), one device group
#     assigning them and the N devices straight into those read-model tables, as provisioning's events would have;
#     partner-example has no per-operator setting (its SSIDs are the deployment's hop.plugin-host.plugins.
#     "partner-example".config.ssids, set on the command line);
#   - offload-service (port $BENCH_SCAN_PORT or 18090, fresh database bench_scan) asking that plugin-host. Its read
#     model keeps only operators, which the scan path does not read: nothing to load there.
# Both services' Kafka consumers start at the end of the shared topics (the read model is loaded here; replaying what
# other runs left on plugin.requests.v1 or provisioning.changes.v1 would be measured too). Then it signs device tokens
# for --devices (default 2,000) devices, writes each device's 40-network scan (tools/bench/target/scan-requests.txt:
# 8 Hotspot-, 4 Passpoint- with ANQP, 4 Wispr-, 4 CoffeeCo-, 20 Home- networks), checks a sample scan (every one of the
# 3 plugins must own candidates in it, else the bench fails) and measures with wrk, the paths taking turns:
#   health   GET /q/health/live                               (the reference: no security, no database)
#   scan     POST /v1/devices/{random}/scans, 40 networks, that device's token: the identification over HTTP (plugin-host
#            asks its 3 plugins at once, each on its own executor), profile upsert (one statement), decision log
#            (40 rows, one statement), an automatic connection on a device's first scan (pre-connect through
#            plugin.requests.v1 to plugin-host; then the device has a live connection and scans start none)
# and the latency at about half the maximum rate (every connection pausing before each request). At the end: the
# decision log's rows by plugin and reason, and the plugins' state (a quarantine during the run would show there).
#
# BENCH_PLUGIN_HOST_URL=http://... asks an already running plugin-host instead of starting one; it must already know
# the operator's profiles and have the 3 plugins (the sample scan checks). BENCH_JAVA_OPTS adds JVM options to
# offload-service, BENCH_PLUGIN_HOST_JAVA_OPTS to plugin-host (e.g. a JFR recording each). BENCH_SKIP_BUILD=1 measures
# the jars as they are; BENCH_OFFLOAD_JAR measures another offload-service jar (an A/B against an older build).
# Stops what it started.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

PORT=${BENCH_SCAN_PORT:-18090}
HOST_PORT=${BENCH_SCAN_HOST_PORT:-18094}
DB=${BENCH_SCAN_DATABASE:-bench_scan}
HOST_DB=${BENCH_SCAN_HOST_DATABASE:-bench_scan_plugin_host}
OPERATOR=${BENCH_SCAN_OPERATOR:-bench}
PLUGINS="wispr provisioned-hotspots partner-example"
DEVICES=2000
CONNECTIONS=16
WARMUP=60 # two JVMs to warm up, each path of a scan crossing both: 30 s gave 74-87 scans/s, 60 s 138
BENCH_USAGE="[--devices N]"
bench_option() {
  case "$1" in
    --devices) DEVICES=$2 ;;
    *) return 1 ;;
  esac
}
bench_wrk_options scan "$PORT" "$@"
case "$HOST_PORT" in 808[0-5]) echo "bench scan: port $HOST_PORT belongs to bin/platform; pick another" >&2; exit 2 ;; esac

bench_require_wrk
bench_infra
export PGPASSWORD=$HOP_DB_PASSWORD
JAR=${BENCH_OFFLOAD_JAR:-$ROOT/offload-service/target/quarkus-app/quarkus-run.jar}
HOST_JAR=$ROOT/plugin-host/target/quarkus-app/quarkus-run.jar
if [ "${BENCH_SKIP_BUILD:-0}" != 1 ] || [ ! -f "$JAR" ] || { [ -z "${BENCH_PLUGIN_HOST_URL:-}" ] && [ ! -f "$HOST_JAR" ]; }; then
  bench_log "packaging offload-service and plugin-host (and the built-in plugins)"
  (cd "$ROOT" && ./mvnw -q package -DskipTests -pl offload-service,plugin-host -am) >&2
fi
LOG_DIR=$ROOT/tools/bench/target
mkdir -p "$LOG_DIR"
BASE=http://127.0.0.1:$PORT

psql_on() { local db=$1; shift; psql -h "$HOP_DB_HOST" -p "$HOP_DB_PORT" -U "$HOP_DB_USER" -d "$db" -v ON_ERROR_STOP=1 -qtA "$@"; }
fresh_database() { psql_on postgres -c "DROP DATABASE IF EXISTS $1 WITH (FORCE)" -c "CREATE DATABASE $1" >/dev/null; }
# Every incoming channel from the end of its topic (see the header).
latest() { local c; for c in "$@"; do printf -- '-Dmp.messaging.incoming.%s.auto.offset.reset=latest ' "$c"; done; }
# start_java NAME LOG URL JAVA-ARGS...: starts it in the background (environment as exported by the caller), waits
# until URL/q/health/ready answers; sets STARTED_PID.
start_java() {
  local name=$1 log=$2 url=$3; shift 3
  bench_log "starting $name (log: $log)"
  java "$@" >"$log" 2>&1 </dev/null &
  STARTED_PID=$!
  bench_wait_ready "$name" "$STARTED_PID" "$url" "$log"
}

HOST_PID=
# lib.sh's stop_service stops $SERVICE_PID; the same for the plugin-host it started
cleanup() { stop_service; [ -z "$HOST_PID" ] || SERVICE_PID=$HOST_PID stop_service; }
trap cleanup EXIT

bench_log "signing $DEVICES device tokens"
TOKENS=$LOG_DIR/scan-tokens.txt
java "$ROOT/tools/bench/src/main/java/io/hop/bench/device/DeviceTokens.java" \
  "$ROOT/libs/testing/src/main/resources/hop/dev-jwt/private-key.pem" "$OPERATOR" "$DEVICES" "$DEVICES" 7200 "$TOKENS"
OPERATOR_TOKEN=$("$ROOT/bin/token" operator "$OPERATOR" --ttl 7200)

if [ -n "${BENCH_PLUGIN_HOST_URL:-}" ]; then
  PLUGIN_HOST_URL=$BENCH_PLUGIN_HOST_URL
  curl -fsS "$PLUGIN_HOST_URL/q/health/ready" >/dev/null \
    || { echo "bench scan: no plugin-host answers at BENCH_PLUGIN_HOST_URL=$PLUGIN_HOST_URL" >&2; exit 1; }
  HOST_KIND="already running plugin-host at $PLUGIN_HOST_URL"
else
  PLUGIN_HOST_URL=http://127.0.0.1:$HOST_PORT
  PLUGINS_DIR=$LOG_DIR/scan-plugins
  rm -rf "$PLUGINS_DIR" && mkdir -p "$PLUGINS_DIR"
  for p in $PLUGINS; do
    from=$ROOT/plugin-host/target/plugins/$p
    [ -d "$from" ] || from=$ROOT/plugin-host/target/partner-plugins/$p
    [ -d "$from" ] || { echo "bench scan: plugin $p is not in plugin-host/target/{plugins,partner-plugins}; build plugin-host" >&2; exit 1; }
    cp -r "$from" "$PLUGINS_DIR/$p"
  done
  fresh_database "$HOST_DB"
  QUARKUS_HTTP_PORT=$HOST_PORT \
  QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://$HOP_DB_HOST:$HOP_DB_PORT/$HOST_DB" \
  QUARKUS_DATASOURCE_USERNAME=$HOP_DB_USER QUARKUS_DATASOURCE_PASSWORD=$HOP_DB_PASSWORD \
  HOP_SECURITY_ALLOW_DEVELOPMENT_KEY=true HOP_CONSUMER_GROUP=bench-scan-plugin-host-$$ \
  HOP_PLUGIN_HOST_PLUGINS_DIR=$PLUGINS_DIR \
    start_java plugin-host "$LOG_DIR/scan-plugin-host.log" "$PLUGIN_HOST_URL" "${BENCH_SERVICE_JVM[@]}" ${BENCH_PLUGIN_HOST_JAVA_OPTS:-} \
      "$(bench_gc_log_option "$LOG_DIR/scan-plugin-host-gc.log")" \
      $(latest provisioning-changes plugin-requests usage-alerts sharing-sessions) \
      "-Dhop.plugin-host.plugins.\"partner-example\".config.ssids=$(seq -s, -f 'CoffeeCo-%g' 0 19)" \
      "-Dhop.plugin-host.plugins.\"partner-example\".config.display-name=CoffeeCo (bench)" \
      -jar "$HOST_JAR"
  HOST_PID=$STARTED_PID
  bench_log "loading plugin-host's read model: operator $OPERATOR, 17 hotspot profiles, a group, $DEVICES devices"
  psql_on "$HOST_DB" <<SQL >/dev/null
insert into known_operator (operator_id, name, status, version, changed_at) values ('$OPERATOR', 'Bench', 'ACTIVE', 1, now());
-- profile(id, ssids, realms, plmns, ois, relation, auth method, wispr, preference, priority) as provisioning publishes it
create temporary table p (id text, ssids jsonb, realms jsonb, plmns jsonb, ois jsonb, relation text, auth text,
  wispr jsonb, preference text, priority int);
-- 10 EAP-AKA profiles by SSID, 4 SSIDs each (Hotspot-0..39); the last is offered only while cellular is unavailable
insert into p select 'bench-aka-' || i, (select jsonb_agg('Hotspot-' || (4 * i + k)) from generate_series(0, 3) k),
  '[]', '[]', '[]', 'HOME', 'EAP_AKA', null, case when i = 9 then 'FALLBACK_ONLY' else 'PREFERRED_OVER_CELLULAR' end, 1 + i
  from generate_series(0, 9) i;
-- Passpoint: the home realm with its PLMN id (both must match), a roaming partner's RC OI
insert into p values
  ('bench-passpoint-home', '[]', '["wlan.mnc001.mcc001.3gppnetwork.org"]', '["001001"]', '[]', 'HOME', 'EAP_AKA', null,
   'PREFERRED_OVER_CELLULAR', 2),
  ('bench-passpoint-partner', '[]', '[]', '[]', '["5A03BA"]', 'ROAMING_PARTNER', 'EAP_AKA_PRIME', null,
   'PREFERRED_OVER_CELLULAR', 6);
-- 5 WISPR profiles by SSID, 4 SSIDs each (Wispr-0..19), credentials from the plugin
insert into p select 'bench-wispr-' || i, (select jsonb_agg('Wispr-' || (4 * i + k)) from generate_series(0, 3) k),
  '[]', '[]', '[]', 'HOME', 'WISPR',
  '{"credentials":"PLUGIN","username":null,"encryptedPassword":null,"trustedLoginDomains":["login.bench.example"],"loginUrl":null}',
  'PREFERRED_OVER_CELLULAR', 3 + i
  from generate_series(0, 4) i;
insert into known_hotspot_profile (profile_id, operator_id, version, changed_at, state)
select id, '$OPERATOR', 1, now(), jsonb_build_object('operatorId', '$OPERATOR', 'profileId', id, 'displayName', 'Bench ' || id,
  'ssids', ssids, 'naiRealms', realms, 'plmnIds', plmns, 'roamingConsortiumOis', ois, 'relation', relation,
  'authMethod', auth, 'wispr', wispr, 'preference', preference, 'priority', priority, 'version', 1,
  'changedAt', '2025-01-01T00:00:00Z')
  from p;
insert into known_device_group (group_id, operator_id, version, changed_at, state) values ('bench-group', '$OPERATOR', 1, now(),
  jsonb_build_object('operatorId', '$OPERATOR', 'groupId', 'bench-group', 'name', 'All', 'precedence', 10,
    'match', '{"imsiPrefixes":["001"],"iccidRanges":null,"providerIds":null,"providerNames":null}'::jsonb,
    'sharingPolicyId', null, 'hotspotProfileIds', (select jsonb_agg(id order by id) from p), 'planId', null,
    'version', 1, 'changedAt', '2025-01-01T00:00:00Z'));
insert into known_device_group_revision (operator_id, revision) values ('$OPERATOR', nextval('known_device_group_revision_seq'));
$(bench_readmodel_devices_sql "$OPERATOR" "$DEVICES")
analyze known_hotspot_profile, known_device;
SQL
  HOST_KIND="plugin-host started by the bench (port $HOST_PORT, database $HOST_DB, plugins: $PLUGINS)"
fi

fresh_database "$DB"
SERVICE_LOG=$LOG_DIR/scan-offload-service.log
QUARKUS_HTTP_PORT=$PORT \
QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://$HOP_DB_HOST:$HOP_DB_PORT/$DB" \
QUARKUS_DATASOURCE_USERNAME=$HOP_DB_USER QUARKUS_DATASOURCE_PASSWORD=$HOP_DB_PASSWORD \
HOP_SECURITY_ALLOW_DEVELOPMENT_KEY=true HOP_CONSUMER_GROUP=bench-scan-$$ \
PLUGIN_HOST_URL=$PLUGIN_HOST_URL PLUGIN_HOST_PARTNER_URL= \
  start_java offload-service "$SERVICE_LOG" "$BASE" "${BENCH_SERVICE_JVM[@]}" ${BENCH_JAVA_OPTS:-} \
    "$(bench_gc_log_option "$LOG_DIR/scan-offload-service-gc.log")" \
    $(latest provisioning-changes plugin-results) -jar "$JAR"
SERVICE_PID=$STARTED_PID

# Each device's scan, one line "<deviceId> <token> <body>" (scan.lua sends them): 40 networks, BSSIDs of the device's
# own, the identified SSIDs varying from device to device.
REQUESTS=$LOG_DIR/scan-requests.txt
awk '
  function net(ssid, i, anqp) {
    return sprintf("{\"ssid\":\"%s\",\"bssid\":\"02:%02x:%02x:00:00:%02x\",\"security\":\"WPA2-EAP\",\"rssi\":%d%s}",
      ssid, s % 256, int(s / 256) % 256, i, -40 - (i % 50), anqp == "" ? "" : ",\"anqp\":" anqp)
  }
  {
    s = NR; body = ""
    home = "{\"naiRealms\":[\"wlan.mnc001.mcc001.3gppnetwork.org\"],\"plmnIds\":[\"001001\"],\"wanMetrics\":{\"linkStatus\":\"UP\",\"atCapacity\":%s,\"downlinkSpeedKbps\":100000,\"uplinkSpeedKbps\":20000}}"
    for (i = 1; i <= 40; i++) {
      if (i <= 8) n = net("Hotspot-" ((s * 8 + i) % 40), i, "")
      else if (i == 11) n = net("Passpoint-" ((s + i) % 100), i, "{\"roamingConsortiumOis\":[\"5A03BA\"]}")
      else if (i <= 12) n = net("Passpoint-" ((s + i) % 100), i, sprintf(home, i == 12 ? "true" : "false"))
      else if (i <= 16) n = net("Wispr-" ((s * 4 + i) % 20), i, "")
      else if (i <= 20) n = net("CoffeeCo-" ((s * 4 + i) % 20), i, "")
      else n = net("Home-" ((s * 7 + i) % 500), i, "")
      body = body (i > 1 ? "," : "") n
    }
    print $1, $2, "{\"cellularAvailable\":true,\"networks\":[" body "]}"
  }' "$TOKENS" >"$REQUESTS"

# A sample scan: each of the 3 plugins must own candidates (a few tries: the first identification of two cold JVMs on
# a busy machine may exceed offload-service's 2 s identification timeout and come back degraded).
read -r sample_device sample_token sample_body <"$REQUESTS"
for attempt in 1 2 3 4 5; do
  sample=$(curl -sS -H "Authorization: Bearer $sample_token" -H 'Content-Type: application/json' -d "$sample_body" \
    "$BASE/v1/devices/$sample_device/scans")
  candidates=${sample#*\"candidates\":\[}; candidates=${candidates%%\],\"plugins\":*}
  answers=${sample#*\],\"plugins\":\[}; answers=${answers%%\],\"hosts\":*}
  per_plugin=""; missing=""
  for p in $PLUGINS; do
    n=$(grep -o "\"pluginId\":\"$p\"" <<<"$candidates" | wc -l || true)
    per_plugin="$per_plugin${per_plugin:+, }$p $n"
    [ "$n" -gt 0 ] && grep -q "\"pluginId\":\"$p\",\"rank\":[0-9]*,\"state\":\"ACTIVE\",\"outcome\":\"ANSWERED\"" <<<"$answers" \
      || missing="$missing $p"
  done
  [ -z "$missing" ] && break
  [ "$attempt" = 5 ] && { echo "bench scan: the sample scan shows no identification by:$missing; it answered $sample" >&2; exit 1; }
  bench_log "sample scan (attempt $attempt) lacks$missing; again"
  sleep 1
done
bench_log "sample scan of $sample_device: candidates per plugin: $per_plugin"

SCRIPT=$ROOT/tools/bench/scenarios/scan.lua
export BENCH_SCAN_REQUESTS=$REQUESTS
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
# Then scans until the rate settles: both JVMs keep compiling for minutes (C2 still used a fifth of offload-service's
# CPU after 3 minutes of scans, and the rate went from 135 to 400 scans/s meanwhile).
bench_settle scan "${BENCH_SETTLE_MAX:-300}"

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
bench_gc_mark "$LOG_DIR/scan-plugin-host-gc.log"
host_gc_mark=$GC_MARK_LINE
bench_gc_mark "$LOG_DIR/scan-offload-service-gc.log"
read -r half_rps half_p50 half_p99 _ <<<"$(wrk_run "$DURATION" scan)"
gc_paced="offload-service $(bench_gc_summary "$LOG_DIR/scan-offload-service-gc.log")"
if [ -z "${BENCH_PLUGIN_HOST_URL:-}" ]; then
  GC_MARK_LINE=$host_gc_mark
  gc_paced="$gc_paced; plugin-host $(bench_gc_summary "$LOG_DIR/scan-plugin-host-gc.log")"
fi
unset BENCH_SCAN_DELAY_MS
rss=$(bench_rss_mib "$SERVICE_PID")
host_rss=n/a
[ -z "$HOST_PID" ] || host_rss="$(bench_rss_mib "$HOST_PID") MiB"
# the decision log holds a row per scan, its networks' decisions in parallel arrays
decisions=$(psql_on "$DB" -F ' ' -c "select count(*), coalesce(sum(cardinality(reason)), 0) from scan_decision" \
  | awk '{ printf "%d scans, %d decisions", $1, $2 }')
# the whole run's decisions: per owning plugin (or none), per reason
by_plugin=$(psql_on "$DB" -F ' ' -c "select coalesce(e.plugin_id, '(none)'), e.reason, count(*) from scan_decision d
  cross join lateral unnest(d.plugin_id, d.reason) as e (plugin_id, reason) group by 1, 2 order by 1, 2" \
  | awk '{ printf "%s%s %s %d", (NR > 1 ? "; " : ""), $1, $2, $3 }')
plugin_states=$(curl -fsS -H "Authorization: Bearer $OPERATOR_TOKEN" "$PLUGIN_HOST_URL/v1/plugins" \
  | grep -o '"pluginId":"[^"]*"[^}]*"state":"[^"]*","failures":[0-9]*' \
  | sed -E 's/"pluginId":"([^"]*)".*"state":"([^"]*)","failures":([0-9]*)/\1 \2 (failures \3)/' | paste -sd, - | sed 's/,/, /g')

printf '%-44s %10s %9s %9s %7s\n' path 'req/s' 'p50 ms' 'p99 ms' ratio
printf '%-44s %10s %9s %9s %7s\n' 'GET /q/health/live' "$health_rps" "$health_p50" "$health_p99" 1.00
printf '%-44s %10s %9s %9s %7s\n' 'POST /v1/devices/{random}/scans (max)' "$scan_rps" "$scan_p50" "$scan_p99" "$(bench_ratio "$scan_rps" "$health_rps")"
printf '%-44s %10s %9s %9s %7s\n' 'POST /v1/devices/{random}/scans (paced)' "$half_rps" "$half_p50" "$half_p99" "$(bench_ratio "$half_rps" "$health_rps")"
echo "half rate: $CONNECTIONS connections pausing ${DELAY_MS} ms gave $half_rps scans/s, $(bench_ratio "$half_rps" "$scan_rps") of the maximum; p99 ${half_p99} ms (target <= 10 ms)"
echo "collections during the paced run: $gc_paced"
echo "plugin host: $HOST_KIND"
echo "sample scan: candidates per plugin: $per_plugin"
echo "plugins at the end: $plugin_states"
echo "decision log: $decisions; by plugin and reason: $by_plugin"
echo "settling: $SETTLE_REPORT"
echo "RSS: offload-service ${rss} MiB, plugin-host $host_rss; $DEVICES devices; 40 networks per scan; wrk: $THREADS threads, $CONNECTIONS connections, ${DURATION}s per path in $ROUNDS rounds; $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "scan: $scan_rps scans/s; reference $health_rps req/s; ratio $(bench_ratio "$scan_rps" "$health_rps")"
