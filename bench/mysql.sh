#!/usr/bin/env bash
# MySQL point selects from 1,000 concurrent callers: jcoro-mysql on coroutines against MariaDB Connector/J on
# HikariCP (virtual threads, and a 64-thread platform pool) and the Vert.x 5 MySQL client, same server, same
# number of connections, in one run. See dev.jcoro.bench.MySqlPointSelect and docs/benchmarks.md.
#
#   bench/mysql.sh [rounds=3] [callers=1000] [connections=16] [warmup=5] [seconds=10]
#
# It starts its own mariadbd (a fresh data directory under /tmp, a free loopback port), creates
# bench.account with 10,000 rows, runs every contestant once per round in a fresh JVM (rounds interleave
# the contestants, so drift in the shared machine's load spreads over all of them), prints one JSON line per
# run and the median per contestant, then stops the server and deletes its directory.
# Every contestant runs on JDK 25 ($JDK25, default /usr/lib/jvm/temurin-25-jdk-amd64; virtual threads need
# 21+), -Xmx1g; only jcoro's JVM gets the jcoro agent (its benchmark code has coroutine lambdas).
set -euo pipefail

rounds=${1:-3}
callers=${2:-1000}
connections=${3:-16}
warmup=${4:-5}
seconds=${5:-10}

root=$(cd "$(dirname "$0")/.." && pwd)
agent=$root/instrument/target/jcoro-agent.jar
jar=$root/bench/target/benchmarks.jar
jdk=${JDK25:-/usr/lib/jvm/temurin-25-jdk-amd64}
java=$jdk/bin/java

if [[ ! -f $agent || ! -f $jar ]]; then
    (cd "$root" && mvn -B -q -DskipTests package)
fi
for p in mariadbd mariadb-install-db mariadb; do
    command -v $p >/dev/null || [[ -x /usr/sbin/$p ]] || { echo "$p not found: install mariadb-server" >&2; exit 1; }
done
export PATH=$PATH:/usr/sbin

dir=$(mktemp -d /tmp/jcoro-bench-mariadb.XXXXXX)
server_pid=
cleanup() {
    if [[ -n $server_pid ]]; then
        kill "$server_pid" 2>/dev/null || true
        wait "$server_pid" 2>/dev/null || true
    fi
    rm -rf "$dir"
}
trap cleanup EXIT

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
mariadb-install-db --no-defaults --datadir="$dir/data" --auth-root-authentication-method=normal --skip-test-db \
    --user="$(id -un)" > "$dir/install.log" 2>&1
mariadbd --no-defaults --datadir="$dir/data" --port="$port" --bind-address=127.0.0.1 --socket="$dir/sock" \
    --pid-file="$dir/pid" --user="$(id -un)" --log-error="$dir/error.log" --skip-name-resolve \
    --character-set-server=utf8mb4 --max-connections=500 --innodb-buffer-pool-size=128M --skip-log-bin \
    > "$dir/server.out" 2>&1 &
server_pid=$!
for _ in $(seq 200); do
    mariadb --no-defaults --socket="$dir/sock" -uroot -e 'SELECT 1' >/dev/null 2>&1 && break
    sleep 0.05
done
mariadb --no-defaults --socket="$dir/sock" -uroot <<'SQL'
CREATE DATABASE bench;
CREATE USER 'bench'@'%' IDENTIFIED BY 'bench';
GRANT ALL ON bench.* TO 'bench'@'%';
CREATE TABLE bench.account (id INT PRIMARY KEY, name VARCHAR(40) NOT NULL, balance DECIMAL(12,2) NOT NULL) ENGINE=InnoDB;
USE bench;
INSERT INTO account SELECT seq, CONCAT('customer-', seq), seq * 1.25 FROM seq_1_to_10000;
SQL
echo "# mariadbd $(mariadbd --version | awk '{print $3}') on 127.0.0.1:$port; $("$java" -version 2>&1 | head -1); $(nproc) cores;" \
    "load average $(cut -d' ' -f1-3 /proc/loadavg)" >&2

questions() {
    mariadb --no-defaults --socket="$dir/sock" -uroot -N -e "SHOW GLOBAL STATUS LIKE 'Questions'" | awk '{print $2}'
}

results=$dir/results.jsonl
for round in $(seq "$rounds"); do
    for contestant in jcoro jdbc-virtual jdbc-platform vertx; do
        jvm=(-Xmx1g)
        if [[ $contestant == jcoro ]]; then
            jvm+=("-javaagent:$agent")
        fi
        before=$(questions)
        "$java" "${jvm[@]}" -cp "$jar" dev.jcoro.bench.MySqlPointSelect "$contestant" "$port" "$callers" \
            "$connections" "$warmup" "$seconds" 2>"$dir/client.err" | tee -a "$results"
        # A cross-check from the server's side: statements it answered during the whole run, warm-up included.
        echo "# server: $(( $(questions) - before )) statements in the $contestant run" >&2
    done
done

echo "# load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
python3 - "$results" <<'PY'
import json, statistics, sys
runs = [json.loads(l) for l in open(sys.argv[1]) if l.startswith("{")]
med, cpu = {}, {}
for c in ["jcoro", "jdbc-virtual", "jdbc-platform", "vertx"]:
    xs = [r["perSecond"] for r in runs if r["contestant"] == c]
    if xs:
        med[c] = statistics.median(xs)
        cpu[c] = statistics.median(r["clientCpuMicrosPerSelect"] for r in runs if r["contestant"] == c)
print("median selects/s: " + ", ".join(f"{c} {v:,.0f}" for c, v in med.items()))
print("median client CPU us/select: " + ", ".join(f"{c} {v:.1f}" for c, v in cpu.items()))
if "jcoro" in med:
    print("selects/s, jcoro / other: " + ", ".join(f"{c} {med['jcoro'] / v:.2f}x" for c, v in med.items() if c != "jcoro"))
    print("client CPU per select, other / jcoro: " + ", ".join(f"{c} {v / cpu['jcoro']:.2f}x" for c, v in cpu.items() if c != "jcoro"))
PY
