#!/usr/bin/env bash
# Redis GET/SET throughput: jcoro's client (1,000 coroutines, one pipelined connection) against Lettuce
# (async, one connection, 1,000 concurrent callback chains) and Jedis (64 threads on a pool of 64
# connections), all against one redis-server that this script starts on a free loopback port, with
# redis-benchmark's figures for the server: 1,000 connections without pipelining, and one connection with
# 1,000 commands in flight (the shape of jcoro's and Lettuce's load, from a C client).
#
#   bench/redis.sh [rounds] [seconds] [warmup]   # defaults: 3 rounds of 10 s per client after 15 s of warm-up
#
# The warm-up is long because on a loaded 2-core machine every client (jcoro, Lettuce and Jedis alike) needs
# 8-10 s of JIT compilation before its throughput levels off.
#
# Each round runs every client once, in a rotated order, each in a fresh JVM (java on the PATH, or $JAVA_HOME;
# the jcoro agent for jcoro only); the table gives each client's median ops/s over the rounds and its ratio
# to jcoro.
# Raw JSON lines go to bench/target/redis-load.jsonl. Needs redis-server and redis-benchmark (Debian package
# redis-server / redis-tools) and python3. Stops the server on exit.
set -euo pipefail

rounds=${1:-3}
seconds=${2:-10}
warmup=${3:-15}
root=$(cd "$(dirname "$0")/.." && pwd)
agent=$root/instrument/target/jcoro-agent.jar
jar=$root/bench/target/benchmarks.jar
java=${JAVA_HOME:+$JAVA_HOME/bin/}java

for tool in redis-server redis-benchmark python3; do
    command -v "$tool" > /dev/null || { echo "bench/redis.sh needs $tool on the PATH" >&2; exit 1; }
done
if [[ ! -f $agent || ! -f $jar ]]; then
    (cd "$root" && mvn -B -q -DskipTests package -pl bench -am)
fi

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
dir=$(mktemp -d)
redis-server --port "$port" --bind 127.0.0.1 --save '' --appendonly no --dir "$dir" > "$dir/redis.log" 2>&1 &
server=$!
trap 'kill "$server" 2> /dev/null; wait "$server" 2> /dev/null; rm -rf "$dir"' EXIT
for _ in $(seq 100); do
    if python3 -c "import socket; socket.create_connection(('127.0.0.1', $port), 0.2)" 2> /dev/null; then break; fi
    sleep 0.1
done

echo "== redis-server $(redis-server --version | sed -n 's/.*v=\([^ ]*\).*/\1/p') on 127.0.0.1:$port;" \
     "$("$java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.runtime.version = //p');" \
     "$(nproc) cores; $(uptime | sed 's/.*load average/load average/')"

echo "== redis-benchmark (the server driven by a C client)"
bench_csv=$dir/benchmark.csv
redis-benchmark -p "$port" -t set,get -n 200000 -c 1000 --csv | sed 's/^/c=1000 P=1,/' > "$bench_csv"
redis-benchmark -p "$port" -t set,get -n 1000000 -c 1 -P 1000 --csv | sed 's/^/c=1 P=1000,/' >> "$bench_csv"
grep -v '"test"' "$bench_csv" | tr -d '"' | awk -F, '{printf "  %-12s %-4s %10.0f ops/s\n", $1, $2, $3}'

mkdir -p "$root/bench/target"
out=$root/bench/target/redis-load.jsonl
: > "$out"
clients=(jcoro lettuce jedis)
for ((r = 0; r < rounds; r++)); do
    for ((i = 0; i < ${#clients[@]}; i++)); do
        client=${clients[$(( (i + r) % ${#clients[@]} ))]}
        # Only jcoro's coroutines need the agent; Lettuce and Jedis run as they would in any application.
        agent_arg=()
        [[ $client == jcoro ]] && agent_arg=(-javaagent:"$agent")
        line=$(timeout $((warmup + seconds + 120)) "$java" "${agent_arg[@]}" -cp "$jar" dev.jcoro.bench.RedisLoad \
            client="$client" port="$port" seconds="$seconds" warmup="$warmup" 2> "$dir/$client.err" | grep '^{' || true)
        if [[ -z $line ]]; then
            echo "RedisLoad client=$client failed:" >&2
            cat "$dir/$client.err" >&2
            exit 1
        fi
        echo "  round $((r + 1)): $line"
        echo "$line" >> "$out"
    done
done

python3 - "$out" "$bench_csv" << 'PY'
import json, statistics, sys
runs = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
ceiling = {}
for line in open(sys.argv[2]):
    parts = [p.strip('"\n') for p in line.split(',')]
    if parts[1] != 'test':
        ceiling[(parts[0], parts[1])] = float(parts[2])
med = {}
for c in ('jcoro', 'lettuce', 'jedis'):
    values = [r['opsPerSecond'] for r in runs if r['client'] == c]
    med[c] = (statistics.median(values), min(values), max(values), runs[[r['client'] for r in runs].index(c)]['callers'])
callers = {'jcoro': 'coroutines', 'lettuce': 'async chains, 1 connection', 'jedis': 'threads, pool of 64'}
print()
print('| client | callers | median ops/s | min–max | vs jcoro |')
print('|---|--:|--:|--:|--:|')
for c, (m, lo, hi, n) in med.items():
    print(f'| {c} | {n} {callers[c]} | {m:,.0f} | {lo:,.0f}–{hi:,.0f} | {m / med["jcoro"][0]:.2f}× |')
for (conf, test), v in sorted(ceiling.items()):
    print(f'| redis-benchmark {test} | {conf} | {v:,.0f} | | {v / med["jcoro"][0]:.2f}× |')
PY
