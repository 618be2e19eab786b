# Shared by the scenarios (sourced, not a benchmark).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)
export MAVEN_ARGS="${MAVEN_ARGS:--B -ntp -q}"

bench_log() { printf '[bench] %s\n' "$*" >&2; }

# PostgreSQL and Kafka on 127.0.0.1 (starts them when nothing answers), and their addresses in the environment.
bench_infra() {
  "$ROOT/bin/infra" up >/dev/null
  set -a; eval "$("$ROOT/bin/infra" env)"; set +a
}

# Packages the benchmark programs and what they depend on, so that a benchmark measures the code in the tree
# (BENCH_SKIP_BUILD=1 uses the last build as it is); prints the class path.
bench_classpath() {
  local cp_file=$ROOT/tools/bench/target/bench.classpath
  if [ ! -f "$cp_file" ] || [ "${BENCH_SKIP_BUILD:-0}" != 1 ]; then
    bench_log "building tools/bench"
    (cd "$ROOT" && ./mvnw package -DskipTests -pl tools/bench -am) >&2
  fi
  printf '%s:%s' "$ROOT/tools/bench/target/classes" "$(cat "$cp_file")"
}

# Resident set size of a process, in MiB.
bench_rss_mib() { awk '/VmRSS/ { printf "%d", $2 / 1024 }' "/proc/$1/status" 2>/dev/null || echo 0; }

# bench_module_jar MODULE: packages the Quarkus module (and what it depends on) unless BENCH_SKIP_BUILD=1 and its jar
# exists, so that a benchmark measures the code in the tree; prints the jar to run.
bench_module_jar() {
  local jar=$ROOT/$1/target/quarkus-app/quarkus-run.jar
  if [ "${BENCH_SKIP_BUILD:-0}" != 1 ] || [ ! -f "$jar" ]; then
    bench_log "packaging $1"
    (cd "$ROOT" && ./mvnw package -DskipTests -pl "$1" -am) >&2
  fi
  printf '%s' "$jar"
}

# Packages provisioning-service unless BENCH_SKIP_BUILD=1 (or $1, another jar, is given); prints the jar to run.
bench_provisioning_jar() {
  if [ -n "${1:-}" ] && [ -f "$1" ]; then printf '%s' "$1"; else bench_module_jar provisioning-service; fi
}

# The options of every wrk scenario, with their defaults (a scenario may change a default before parsing):
#   --duration S (15, split over the rounds), --warmup S per path (30: on 2 cores the JIT needs ~40 s of load before a
#   request path is compiled), --connections N (32), --threads N (2), --rounds N (3).
# bench_wrk_options NAME PORT "$@" parses them; a scenario's own "--name VALUE" options go to its function
# bench_option NAME VALUE (which returns 1 for a name it does not know; BENCH_USAGE lists them for the usage line).
# It refuses a PORT of bin/platform's services.
DURATION=15
WARMUP=30
CONNECTIONS=32
THREADS=2
ROUNDS=3
bench_wrk_options() {
  local name=$1 port=$2
  shift 2
  while [ $# -gt 0 ]; do
    case "$1" in
      --duration) DURATION=${2:?}; shift 2 ;;
      --warmup) WARMUP=${2:?}; shift 2 ;;
      --connections) CONNECTIONS=${2:?}; shift 2 ;;
      --threads) THREADS=${2:?}; shift 2 ;;
      --rounds) ROUNDS=${2:?}; shift 2 ;;
      *)
        if [ $# -ge 2 ] && declare -F bench_option >/dev/null && bench_option "$1" "$2"; then
          shift 2
        else
          echo "usage: bin/bench $name ${BENCH_USAGE:+$BENCH_USAGE }[--duration S] [--warmup S] [--connections N] [--threads N] [--rounds N]" >&2
          exit 2
        fi ;;
    esac
  done
  case "$port" in 808[0-5]) echo "bench $name: port $port belongs to bin/platform; pick another" >&2; exit 2 ;; esac
}

# bench_wait_ready NAME PID BASE-URL LOG: waits (up to 120 s) until the service answers BASE-URL/q/health/ready; fails
# the benchmark, with the end of LOG, when the process exits or never gets ready.
bench_wait_ready() {
  local name=$1 pid=$2 base=$3 log=$4
  for _ in $(seq 1 240); do
    curl -fsS "$base/q/health/ready" >/dev/null 2>&1 && return 0
    kill -0 "$pid" 2>/dev/null || { echo "bench: $name exited; see $log" >&2; tail -20 "$log" >&2; exit 1; }
    sleep 0.5
  done
  echo "bench: $name not ready in 120 s; see $log" >&2; exit 1
}

# bench_readmodel_devices_sql OPERATOR N: the SQL that loads N devices (dev-1 .. dev-N, IMSIs 00101 + the number on 10
# digits) of OPERATOR straight into a service's read model, as provisioning's device events would have.
bench_readmodel_devices_sql() {
  cat <<SQL
insert into known_device (operator_id, device_id, imsi, version, changed_at, state)
select '$1', 'dev-' || i, '00101' || lpad(i::text, 10, '0'), 1, now(),
       jsonb_build_object('operatorId', '$1', 'deviceId', 'dev-' || i, 'imsi', '00101' || lpad(i::text, 10, '0'),
         'iccid', null, 'providerId', null, 'providerName', null, 'version', 1, 'changedAt', '2025-01-01T00:00:00Z')
  from generate_series(1, $2) i;
SQL
}

# The services' JVM as their images run it in a production pod: bin/service-jvm.options, and a heap of half the pod's
# 1 GiB memory limit (deploy/overlays/production), all of it from the start (src/main/docker/Dockerfile.jvm).
BENCH_SERVICE_JVM=("@$ROOT/bin/service-jvm.options" -Xms512m -Xmx512m)

# bench_start_provisioning JAR PORT DATABASE LOG: a fresh database, then the packaged service as a production pod runs it
# (prod profile, the development key explicitly allowed; BENCH_JAVA_OPTS adds JVM options, e.g. a JFR recording;
# its collections logged to LOG without .log, plus -gc.log),
# waited for until ready. Sets SERVICE_PID; stop_service
# (also on EXIT) stops it.
SERVICE_PID=
stop_service() {
  if [ -n "$SERVICE_PID" ] && kill -0 "$SERVICE_PID" 2>/dev/null; then
    kill "$SERVICE_PID" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$SERVICE_PID" 2>/dev/null || break; sleep 0.2; done
    kill -9 "$SERVICE_PID" 2>/dev/null || true
  fi
}
bench_start_provisioning() {
  local jar=$1 port=$2 db=$3 log=$4 base=http://127.0.0.1:$2
  PGPASSWORD=$HOP_DB_PASSWORD psql -h "$HOP_DB_HOST" -p "$HOP_DB_PORT" -U "$HOP_DB_USER" -d postgres -v ON_ERROR_STOP=1 -qtA \
    -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "CREATE DATABASE $db" >/dev/null
  trap stop_service EXIT
  bench_log "starting provisioning-service on port $port (log: $log)"
  QUARKUS_HTTP_PORT=$port \
  QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://$HOP_DB_HOST:$HOP_DB_PORT/$db" \
  QUARKUS_DATASOURCE_USERNAME=$HOP_DB_USER QUARKUS_DATASOURCE_PASSWORD=$HOP_DB_PASSWORD \
  HOP_SECURITY_ALLOW_DEVELOPMENT_KEY=true \
    java "${BENCH_SERVICE_JVM[@]}" ${BENCH_JAVA_OPTS:-} "$(bench_gc_log_option "${log%.log}-gc.log")" -jar "$jar" >"$log" 2>&1 </dev/null &
  SERVICE_PID=$!
  bench_wait_ready provisioning-service "$SERVICE_PID" "$base" "$log"
}

# Installs wrk when it is missing (Debian package).
bench_require_wrk() {
  command -v wrk >/dev/null && return 0
  bench_log "installing wrk (Debian package)"
  { apt-get install -y wrk || { apt-get update && apt-get install -y wrk; }; } >/dev/null 2>&1 \
    || { echo "bench: wrk is missing and could not be installed (apt-get install wrk)" >&2; exit 1; }
}

# Reads wrk --latency output on stdin; prints "req/s p50 p99 non2xx" (latencies in ms).
bench_wrk_figures() {
  awk '
    function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
    /Requests\/sec:/ { rps = $2 }
    /^ +50%/ { p50 = ms($2) }
    /^ +99%/ { p99 = ms($2) }
    /Non-2xx or 3xx responses:/ { non2xx = $5 }
    END { printf "%.0f %.2f %.2f %d\n", rps, p50, p99, non2xx }'
}

# bench_rounds_summary NAME FILE: over the lines "NAME req/s p50 p99 non2xx" of FILE (one per round), prints
# "req/s p50 p99 non2xx": the mean req/s, the median p50 and p99, the total non-2xx.
bench_rounds_summary() {
  awk -v name="$1" '
    $1 == name { n++; rps += $2; p50[n] = $3; p99[n] = $4; non2xx += $5 }
    function median(a, k,   i, j, t) {
      for (i = 2; i <= k; i++) { t = a[i]; for (j = i - 1; j >= 1 && a[j] > t; j--) a[j + 1] = a[j]; a[j + 1] = t }
      return (k % 2) ? a[(k + 1) / 2] : (a[k / 2] + a[k / 2 + 1]) / 2
    }
    END { printf "%.0f %.2f %.2f %d\n", rps / n, median(p50, n), median(p99, n), non2xx }' "$2"
}

# bench_settle PATH MAX_SECONDS [WINDOW_SECONDS [ARGS...]]: after the warm-up, drives PATH with the scenario's own
# "wrk_run SECONDS PATH [ARGS...]" in windows (default 10 s) until one window's rate is within 5 % of the one before,
# or MAX_SECONDS have passed: a JVM keeps compiling long after a fixed warm-up (docs/benchmarks.md). Logs and sets
# SETTLE_REPORT (the windows' rates and whether the rate settled), for the scenario's printed results.
bench_settle() {
  local path=$1 max=$2 window=${3:-10} previous=0 rate windows="" settled=no _
  shift $(( $# < 3 ? $# : 3 ))
  for _ in $(seq 1 $(( (max + window - 1) / window ))); do
    read -r rate _ <<<"$(wrk_run "$window" "$path" "$@")"
    windows="$windows${windows:+ }${rate%.*}"
    if awk -v a="$rate" -v b="$previous" 'BEGIN { exit !(b > 0 && a <= b * 1.05 && a >= b * 0.95) }'; then
      settled=yes; break
    fi
    previous=$rate
  done
  SETTLE_REPORT="$path per second in windows of ${window} s after the warm-up: $windows (settled: $settled)"
  bench_log "settling: $SETTLE_REPORT"
}

# The service's garbage collections during a benchmark's paced rounds: a young pause of a few milliseconds, a few
# times a second, is what a p99 at half rate is made of on these machines (docs/benchmarks.md, device-config).
# bench_gc_log_option FILE: the JVM option that logs each collection to FILE (one line per pause, its length last).
bench_gc_log_option() { printf -- '-Xlog:gc:file=%s' "$1"; }
# bench_gc_mark FILE: where the paced rounds start (sets GC_MARK_LINE and GC_MARK_TIME).
bench_gc_mark() { GC_MARK_LINE=$(wc -l <"$1" 2>/dev/null || echo 0); GC_MARK_TIME=$(date +%s.%N); }
# bench_gc_summary FILE: "N pauses (R/s), A ms on average, at most M ms: P % of the time" since bench_gc_mark.
bench_gc_summary() {
  awk -v from="$GC_MARK_LINE" -v start="$GC_MARK_TIME" -v now="$(date +%s.%N)" '
    NR > from && /Pause/ { d = $NF; sub(/ms$/, "", d); n++; sum += d; if (d > max) max = d }
    END {
      secs = now - start
      if (n == 0) { printf "no pauses in %.0f s", secs; exit }
      printf "%d pauses in %.0f s (%.1f/s), %.1f ms on average, at most %.1f ms: %.1f %% of the time",
        n, secs, n / secs, sum / n, max, 100 * sum / 1000 / secs
    }' "$1"
}

bench_ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }
