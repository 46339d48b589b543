#!/usr/bin/env bash
# Builds lasier-benchmarks, starts a throw-away redis-server on a free loopback port, runs every benchmark part
# (in-memory closed state, open state, Redis) and writes the tables to bench/results/<time>/tables.md, beside JMH's
# JSON results and the full log. The Redis server is stopped on exit, whatever happens.
#
#   bench/run.sh                          # everything, about 12 minutes
#   bench/run.sh --parts closed,open      # in-memory parts only
#   bench/run.sh --iterations 10          # longer runs; see BenchmarkSuite for every option
#
# Environment: OUT (output directory), SKIP_BUILD=1 (reuse the built jar), REDIS_SERVER (default redis-server).
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
jar="lasier-benchmarks/target/benchmarks.jar"
out="${OUT:-bench/results/$(date -u +%Y%m%dT%H%M%SZ)}"
redis_server="${REDIS_SERVER:-redis-server}"

if [[ "${SKIP_BUILD:-0}" != "1" ]]; then
  echo "Building $jar"
  mvn -B -q package -pl lasier-benchmarks -am -DskipTests
fi
mkdir -p "$out"

redis_pid=""
stop_redis() {
  if [[ -n "$redis_pid" ]] && kill -0 "$redis_pid" 2>/dev/null; then
    kill "$redis_pid" 2>/dev/null || true
    wait "$redis_pid" 2>/dev/null || true
  fi
}
trap stop_redis EXIT INT TERM

# A random loopback port; if another process holds it, redis-server exits and the next port is tried.
for attempt in $(seq 1 20); do
  port=$((20000 + RANDOM % 40000))
  "$redis_server" --port "$port" --bind 127.0.0.1 --save "" --appendonly no --daemonize no \
    --loglevel warning >"$out/redis-server.log" 2>&1 &
  redis_pid=$!
  for _ in $(seq 1 50); do
    if redis-cli -h 127.0.0.1 -p "$port" ping 2>/dev/null | grep -q PONG; then
      break 2
    fi
    if ! kill -0 "$redis_pid" 2>/dev/null; then
      break
    fi
    sleep 0.1
  done
  stop_redis
  redis_pid=""
done
if [[ -z "$redis_pid" ]]; then
  echo "could not start $redis_server on a loopback port; see $out/redis-server.log" >&2
  exit 1
fi
echo "redis-server $("$redis_server" --version | sed 's/.*v=\([^ ]*\).*/\1/') on 127.0.0.1:$port (pid $redis_pid)"

{
  echo "uptime at start: $(uptime)"
  java -cp "$jar" io.github.lasier.benchmarks.suite.BenchmarkSuite --out "$out" \
    --redis-uri "redis://127.0.0.1:$port" "$@"
  echo "uptime at end: $(uptime)"
} 2>&1 | tee "$out/run.log"

echo "Results: $out/tables.md"
