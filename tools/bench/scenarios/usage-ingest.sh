#!/usr/bin/env bash
# usage-service's ingest pipeline counting 1,000,000 usage records (100,000 devices) exactly once vs bare KafkaConsumers (records/s)
# Usage: bin/bench usage-ingest [records] [devices] [partitions] [max.poll.records] [instances] [window ms] [window facts]   (defaults 1000000 100000 6 5000 3 2000 100000)
# BENCH_JAVA_OPTS adds JVM options to the benchmark JVM (e.g. a JFR recording).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

bench_infra
CP=$(bench_classpath)
bench_log "usage-ingest: filling a fresh topic, then reading it with bare KafkaConsumers and usage-service's ingest pipeline"
java ${BENCH_JAVA_OPTS:-} -Xmx1g -XX:+UseParallelGC -cp "$CP" io.hop.bench.usage.UsageIngestBench "$@" &
pid=$!
wait $pid
