#!/bin/sh
# Creates every topic declared in kafka-topics.conf (name, partitions, cleanup.policy) on a Kafka cluster.
# Idempotent: topics that exist already are left as they are (--if-not-exists).
#
# Runs in the apache/kafka image (POSIX sh, awk): the kafka-init service of docker-compose.yml and the
# kafka-topics Job of deploy/overlays/local. Production declares the same topics as Strimzi KafkaTopic resources.
#
#   create-kafka-topics.sh <bootstrap-servers> <kafka-topics.conf>
#
# Environment: KAFKA_TOPICS_SH   the kafka-topics tool (default /opt/kafka/bin/kafka-topics.sh)
#              REPLICATION_FACTOR  (default 1: a single local broker)
set -eu

usage="usage: create-kafka-topics.sh <bootstrap-servers> <kafka-topics.conf>"
bootstrap=${1:?$usage}
conf=${2:?$usage}
kafka_topics=${KAFKA_TOPICS_SH:-/opt/kafka/bin/kafka-topics.sh}
replication=${REPLICATION_FACTOR:-1}

if [ ! -r "$conf" ]; then
  echo "create-kafka-topics: cannot read $conf" >&2
  exit 1
fi

# Same rules as libs/testing's KafkaTopicDeclarations: '#' starts a comment, blank lines are skipped, every other
# line is exactly 'name partitions cleanup.policy'. Any malformed line fails the whole run before anything is created.
topics=$(awk '
  { sub(/#.*/, "") }
  NF == 0 { next }
  NF != 3 || $2 !~ /^[0-9]+$/ || $2 + 0 < 1 {
    printf "create-kafka-topics: %s:%d: expected \"name partitions cleanup.policy\"\n", FILENAME, FNR > "/dev/stderr"
    bad = 1
    next
  }
  { print $1, $2, $3 }
  END { exit bad }
' "$conf")

if [ -z "$topics" ]; then
  echo "create-kafka-topics: no topic declared in $conf" >&2
  exit 1
fi

count=0
while read -r name partitions policy; do
  echo "create-kafka-topics: $name (partitions=$partitions, cleanup.policy=$policy)"
  "$kafka_topics" --bootstrap-server "$bootstrap" --create --if-not-exists \
    --topic "$name" --partitions "$partitions" --replication-factor "$replication" \
    --config "cleanup.policy=$policy"
  count=$((count + 1))
done <<TOPICS
$topics
TOPICS

echo "create-kafka-topics: $count topics declared and present on $bootstrap"
