#!/usr/bin/env bash
# usage-service's ingest pipeline counting 1,000,000 usage records (100,000 devices) exactly once vs bare KafkaConsumers (records/s)
# Usage: bin/bench usage-ingest [records] [devices] [partitions] [max.poll.records] [instances]   (defaults 1000000 100000 6 5000 3)
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

bench_infra
CP=$(bench_classpath)
bench_log "usage-ingest: filling a fresh topic, then reading it with bare KafkaConsumers and usage-service's ingest pipeline"
java -Xmx1g -XX:+UseParallelGC -cp "$CP" io.hop.bench.usage.UsageIngestBench "$@" &
pid=$!
wait $pid
