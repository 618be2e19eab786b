#!/usr/bin/env bash
# Deploys the local overlay: the namespace, the declarations Kustomize cannot read from this folder, then the
# overlay itself. Re-runnable. Needs kubectl pointed at a local cluster that has the hop/<service>:dev images.
#
#   deploy/overlays/local/apply.sh
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
deploy=$(cd "$here/../.." && pwd)
namespace=hop-local

kubectl apply -f "$here/namespace.yaml"

# The single declarations of topics and databases (also used by docker-compose.yml), mounted by the kafka-topics
# Job and the postgres StatefulSet; their pods wait until this ConfigMap exists.
kubectl -n "$namespace" create configmap hop-local-declarations \
  --from-file=kafka-topics.conf="$deploy/kafka-topics.conf" \
  --from-file=create-kafka-topics.sh="$deploy/scripts/create-kafka-topics.sh" \
  --from-file=create-databases.sql="$deploy/scripts/create-databases.sql" \
  --dry-run=client -o yaml | kubectl apply -f -

kubectl apply -k "$here"
