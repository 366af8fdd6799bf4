#!/usr/bin/env bash
# Starts a three-master Redis Cluster on 127.0.0.1, ports BASE..BASE+2 (first argument, default 7001), each node in
# its own temp dir with nothing kept on disk, and waits until it answers "cluster_state:ok". One already up is
# reused. Used by the test setup (test/support/global-setup.ts) and by .ci/run.
set -euo pipefail
base="${1:-7001}"
ports=("$base" "$((base + 1))" "$((base + 2))")
state() { redis-cli -p "$1" cluster info 2>/dev/null | tr -d '\r' | sed -n 's/^cluster_state://p'; }
all_ok() { for p in "${ports[@]}"; do [ "$(state "$p")" = ok ] || return 1; done; }
all_ok && exit 0
for p in "${ports[@]}"; do
  if ! redis-cli -p "$p" ping >/dev/null 2>&1; then
    dir=$(mktemp -d -t "banter-cluster-$p-XXXXXX")
    redis-server --port "$p" --bind 127.0.0.1 --cluster-enabled yes --cluster-config-file "$dir/nodes.conf" \
      --dir "$dir" --save "" --appendonly no --daemonize yes --logfile "$dir/redis.log" >/dev/null
  fi
done
for p in "${ports[@]}"; do
  for _ in $(seq 1 50); do redis-cli -p "$p" ping >/dev/null 2>&1 && break; sleep 0.1; done
done
# Fresh nodes own no slots: make them one cluster. Nodes that already know each other are only waited for.
if [ "$(redis-cli -p "$base" cluster info | tr -d '\r' | sed -n 's/^cluster_slots_assigned://p')" = 0 ]; then
  redis-cli --cluster create "${ports[@]/#/127.0.0.1:}" --cluster-replicas 0 --cluster-yes >/dev/null
fi
for _ in $(seq 1 100); do all_ok && exit 0; sleep 0.1; done
echo "redis-cluster.sh: the cluster on ports ${ports[*]} did not reach cluster_state:ok" >&2
exit 1
