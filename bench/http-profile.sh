#!/usr/bin/env bash
# What each HTTP server spends per request under keep-alive GET /hello, in counts that the other load on a
# shared machine does not move much (unlike requests/s): system calls and context switches of the server's
# threads (perf stat on tracepoints; needs perf and root or perf_event_paranoid <= 1, else those columns
# are "-"), bytes allocated on the heap (JFR's per-thread allocation counters, read at the start and end
# of the measured run), and the server's CPU time.
#
#   bench/http-profile.sh                         # jcoro and netty-epoll at 100 connections, 8 s
#   CONNS="100 10000" bench/http-profile.sh jcoro netty-epoll vertx
#
# Server names and build as for bench/http.sh (same jar, same JVM flags). Each measured run follows a 5 s
# warm-up with at most 1,000 connections.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
agent=$root/instrument/target/jcoro-agent.jar
jar=$root/bench/target/benchmarks.jar
jdk=${JDK25:-/usr/lib/jvm/temurin-25-jdk-amd64}
duration=${DURATION:-8}
conns=${CONNS:-100}
loops=${LOOPS:-$(nproc)}
servers=("$@")
(( ${#servers[@]} )) || servers=(jcoro netty-epoll)

command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install -y wrk)" >&2; exit 1; }
[[ -f $agent && -f $jar ]] || { echo "build first: mvn -B -q -DskipTests package" >&2; exit 1; }
ulimit -n "$(ulimit -Hn)"
ticks_per_second=$(getconf CLK_TCK)
work=$(mktemp -d)
server_pid=
trap '[[ -n $server_pid ]] && kill "$server_pid" 2>/dev/null; rm -rf "$work"' EXIT
perf_ok=false
perf stat -e raw_syscalls:sys_enter true >/dev/null 2>&1 && perf_ok=true

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# Bytes allocated by all threads of a JFR recording: each thread's counter at its last sample minus its first.
allocated_bytes() {
    "$jdk/bin/jfr" print --json --events jdk.ThreadAllocationStatistics "$1" | python3 -c '
import json, sys
first, last = {}, {}
for e in json.load(sys.stdin)["recording"]["events"]:
    v = e["values"]
    tid = v["thread"]["javaThreadId"] if v.get("thread") else None
    t = v["startTime"]
    if tid not in first or t < first[tid][0]:
        first[tid] = (t, v["allocated"])
    if tid not in last or t >= last[tid][0]:
        last[tid] = (t, v["allocated"])
print(sum(last[k][1] - first[k][1] for k in last))'
}

printf '%-12s %6s %10s %10s %10s %10s %10s\n' server conns 'req/s' 'cpu us/req' 'syscalls' 'ctx sw' 'heap B'
for c in $conns; do
    for server in "${servers[@]}"; do
        port=$(free_port)
        args=(-Xms1g -Xmx1g -cp "$jar")
        [[ $server == jcoro ]] && args=(-javaagent:"$agent" -Djcoro.watchdog.millis=0 "${args[@]}")
        log=$work/server.log
        "$jdk/bin/java" "${args[@]}" dev.jcoro.bench.http.HelloServers "$server" "$port" "$loops" >"$log" 2>&1 &
        server_pid=$!
        for _ in $(seq 600); do grep -q '^ready' "$log" && break; sleep 0.1; done
        grep -q '^ready' "$log" || { echo "$server did not start:"; cat "$log"; exit 1; }
        url=http://127.0.0.1:$port/hello
        wrk -t2 -c$(( c < 1000 ? c : 1000 )) -d5s "$url" >/dev/null 2>&1 || true
        sleep 2
        "$jdk/bin/jcmd" "$server_pid" JFR.start name=profile filename="$work/run.jfr" >/dev/null
        if $perf_ok; then
            # The server's threads exist by now (loops start with the server, pools grew in the warm-up).
            perf stat -x, -o "$work/perf.csv" -t "$(ls "/proc/$server_pid/task" | paste -sd,)" \
                -e raw_syscalls:sys_enter,context-switches -- sleep $(( duration + 1 )) &
            perf_pid=$!
        fi
        before=$(awk '{print $14 + $15}' "/proc/$server_pid/stat")
        out=$(wrk -t2 -c"$c" -d"${duration}s" "$url")
        after=$(awk '{print $14 + $15}' "/proc/$server_pid/stat")
        "$jdk/bin/jcmd" "$server_pid" JFR.stop name=profile >/dev/null
        $perf_ok && wait "$perf_pid"
        kill "$server_pid"; wait "$server_pid" 2>/dev/null || true
        server_pid=
        requests=$(sed -n 's/^ *\([0-9]*\) requests in.*/\1/p' <<<"$out")
        rps=$(sed -n 's/^Requests\/sec: *\([0-9.]*\).*/\1/p' <<<"$out")
        per() { awk -v x="$1" -v n="$requests" -v f="$2" 'BEGIN {if (n > 0 && x != "") printf f, x / n; else printf "-"}'; }
        us=$(awk -v t=$((after - before)) -v hz="$ticks_per_second" -v n="$requests" 'BEGIN {printf "%.1f", t / hz * 1e6 / n}')
        syscalls=- switches=-
        if $perf_ok; then
            # perf counts for one second longer than wrk runs: the extra second is the idle server's, small.
            syscalls=$(per "$(awk -F, '$3 == "raw_syscalls:sys_enter" {print $1}' "$work/perf.csv")" %.2f)
            switches=$(per "$(awk -F, '$3 == "context-switches" {print $1}' "$work/perf.csv")" %.3f)
        fi
        heap=$(per "$(allocated_bytes "$work/run.jfr")" %.0f)
        printf '%-12s %6s %10s %10s %10s %10s %10s\n' "$server" "$c" "$rps" "$us" "$syscalls" "$switches" "$heap"
    done
done
