#!/usr/bin/env bash
# Batch consumer applying 1,000,000 CloudEvents to PostgreSQL exactly once vs bare KafkaConsumers (records/s)
# Usage: bin/bench consumer [records] [partitions] [max.poll.records]   (defaults 1000000 6 5000)
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

bench_infra
CP=$(bench_classpath)
bench_log "consumer: filling a fresh topic, then reading it with a bare KafkaConsumer and the platform's batch consumer"
java -Xmx1g -XX:+UseParallelGC -cp "$CP" io.hop.bench.consumer.ConsumerBench "$@" &
pid=$!
wait $pid
