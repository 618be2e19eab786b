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
