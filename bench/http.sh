#!/usr/bin/env bash
# jcoro-http against Netty 4.2 (epoll and NIO), the JDK's httpserver on virtual threads, Vert.x 5 web and
# Helidon SE 4, each server in its own JVM started in turn, the same client arguments for all. Three
# benchmarks, chosen with BENCH (default "hello"; BENCH="hello json idle" prints all three tables):
#
#   hello  keep-alive GET /hello under wrk at each of CONNS (default "100 10000") for DURATION s (default 10)
#   json   GET /json, which answers a small JSON object after waiting one second in each server's own idiom
#          (jcoro Coroutines.sleep, Netty ctx.executor().schedule, Vert.x setTimer, Helidon and the JDK server
#          Thread.sleep on a virtual thread), under wrk with JSON_CONNS (default 10000) connections for
#          JSON_DURATION s (default 20) and a 10 s request timeout: ideally JSON_CONNS req/s at a 1 s latency
#   idle   memory per idle keep-alive connection (dev.jcoro.bench.http.IdleFootprint): IDLE_CONNS (default
#          10000) connections that each made one request, heap growth after full collections and resident-set
#          growth outside the (pre-touched) heap, each divided by the connection count
#
#   bench/http.sh                                       # hello, every server but vertx and helidon
#   DURATION=20 CONNS="100" bench/http.sh jcoro netty-epoll vertx
#   BENCH="hello json idle" bench/http.sh jcoro netty-epoll netty-nio jdk-vt vertx helidon
#
# Server names: jcoro netty-epoll netty-nio jdk-vt vertx helidon. helidon needs Helidon 4, hence JDK 21, so
# it is only in a benchmarks jar built on JDK 21 or later (the default build targets 17):
#   JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 mvn -B -q -DskipTests package -pl bench -am
#
# hello and json print one row per server and connection count: requests/s, p50 and p99 latency, wrk's
# socket errors, the server's CPU time per request (user + system ticks of the server process from
# /proc/PID/stat over the measured run, divided by the requests wrk completed) and its resident set at the
# end of the run and at its peak (VmRSS, VmHWM; the heap is -Xms1g -Xmx1g). Each measured run follows a 5 s
# warm-up with at most 1,000 connections. Servers run on $JDK25 (default /usr/lib/jvm/temurin-25-jdk-amd64),
# jcoro with its agent; needs wrk (Debian package wrk) and python3 (the idle client).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
agent=$root/instrument/target/jcoro-agent.jar
jar=$root/bench/target/benchmarks.jar
java=${JDK25:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
duration=${DURATION:-10}
conns=${CONNS:-"100 10000"}
json_duration=${JSON_DURATION:-20}
json_conns=${JSON_CONNS:-10000}
idle_conns=${IDLE_CONNS:-10000}
benches=${BENCH:-hello}
loops=${LOOPS:-$(nproc)}
servers=("$@")
(( ${#servers[@]} )) || servers=(jcoro netty-epoll netty-nio jdk-vt)

command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install -y wrk)" >&2; exit 1; }
[[ -f $agent && -f $jar ]] || (cd "$root" && mvn -B -q -DskipTests package)
ulimit -n "$(ulimit -Hn)"
ticks_per_second=$(getconf CLK_TCK)
server_pid=
# A failing wrk run (set -e) must not leave its server running.
trap '[[ -n $server_pid ]] && kill "$server_pid" 2>/dev/null' EXIT

cpu_ticks() {   # utime + stime of a process, in clock ticks
    awk '{print $14 + $15}' "/proc/$1/stat"
}

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

rss_kib() {   # VmRSS and VmHWM of a process, in KiB
    awk '$1 == "VmRSS:" {rss = $2} $1 == "VmHWM:" {hwm = $2} END {print rss, hwm}' "/proc/$1/status"
}

server_args() {   # the JVM arguments for server $1
    local args=(-Xms1g -Xmx1g -cp "$jar")
    # The watchdog would report carriers that the shared machine preempts; it is off for all runs here.
    [[ $1 == jcoro ]] && args=(-javaagent:"$agent" -Djcoro.watchdog.millis=0 "${args[@]}")
    echo "${args[@]}"
}

# One wrk run against server $1 with $2 connections for $3 s on path $4 (wrk options in $5), one table row.
load() {
    local server=$1 c=$2 seconds=$3 path=$4 options=$5 port log pid
    port=$(free_port)
    log=$(mktemp)
    # shellcheck disable=SC2046
    "$java" $(server_args "$server") dev.jcoro.bench.http.HelloServers "$server" "$port" "$loops" >"$log" 2>&1 &
    pid=$!
    server_pid=$pid
    # A JVM with the agent can take a while to start on a busy machine.
    for _ in $(seq 600); do grep -q '^ready' "$log" && break; sleep 0.1; done
    grep -q '^ready' "$log" || { echo "$server did not start:"; cat "$log"; kill "$pid"; exit 1; }
    local base=http://127.0.0.1:$port
    # Warm up with at most 1,000 connections, then let their closes drain: two sets of 10,000 sockets at
    # once would not fit the server's file descriptors.
    wrk -t2 -c$(( c < 1000 ? c : 1000 )) -d5s "$base/hello" >/dev/null 2>&1 || true
    [[ $path == /hello ]] || wrk -t2 -c$(( c < 1000 ? c : 1000 )) -d3s $options "$base$path" >/dev/null 2>&1 || true
    sleep 2
    local before after out memory
    before=$(cpu_ticks "$pid")
    # shellcheck disable=SC2086
    out=$(wrk -t2 -c"$c" -d"${seconds}s" $options --latency "$base$path")
    after=$(cpu_ticks "$pid")
    memory=$(rss_kib "$pid")
    kill "$pid"; wait "$pid" 2>/dev/null || true
    server_pid=
    rm -f "$log"
    local requests rps p50 p99 errors us rss
    requests=$(sed -n 's/^ *\([0-9]*\) requests in.*/\1/p' <<<"$out")
    rps=$(sed -n 's/^Requests\/sec: *\([0-9.]*\).*/\1/p' <<<"$out")
    p50=$(awk '$1 == "50%" {print $2}' <<<"$out")
    p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
    errors=$(sed -n 's/^ *Socket errors: //p' <<<"$out")
    non2xx=$(sed -n 's/^ *Non-2xx or 3xx responses: *//p' <<<"$out")
    us=$(awk -v t=$((after - before)) -v hz="$ticks_per_second" -v n="${requests:-0}" 'BEGIN {if (n > 0) printf "%.1f", t / hz * 1e6 / n; else printf "-"}')
    rss=$(awk '{printf "%d/%d", $1 / 1024, $2 / 1024}' <<<"$memory")
    printf '%-12s %6s %10s %9s %9s %10s %11s %s%s\n' "$server" "$c" "$rps" "$p50" "$p99" "$us" "$rss" \
        "${errors:-none}" "${non2xx:+, non-2xx $non2xx}"
}

header() {
    printf '%-12s %6s %10s %9s %9s %10s %11s %s\n' server conns 'req/s' p50 p99 'cpu us/req' 'rss MiB' 'socket errors'
}

echo "# $(date -u '+%F %T') UTC, load average $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores, $("$java" -version 2>&1 | head -1)"
for bench in $benches; do
    case $bench in
    hello)
        echo "## keep-alive GET /hello, ${duration} s"
        header
        for c in $conns; do
            for server in "${servers[@]}"; do
                load "$server" "$c" "$duration" /hello ""
            done
        done
        ;;
    json)
        echo "## GET /json (one-second wait), ${json_conns} connections, ${json_duration} s"
        header
        for server in "${servers[@]}"; do
            load "$server" "$json_conns" "$json_duration" /json "--timeout 10s"
        done
        ;;
    idle)
        echo "## idle keep-alive connections: ${idle_conns}, KiB per connection"
        printf '%-12s %8s %10s %10s %10s\n' server conns heap off-heap total
        for server in "${servers[@]}"; do
            log=$(mktemp)
            # shellcheck disable=SC2046
            "$java" $(server_args "$server") -XX:+AlwaysPreTouch dev.jcoro.bench.http.IdleFootprint "$server" "$idle_conns" >"$log" 2>&1 || true
            line=$(grep '^idle ' "$log") || { echo "$server: idle measurement failed:"; cat "$log"; exit 1; }
            rm -f "$log"
            read -r _ name n heap offheap <<<"$line"
            printf '%-12s %8s %10s %10s %10s\n' "$name" "$n" "$heap" "$offheap" "$(awk -v a="$heap" -v b="$offheap" 'BEGIN {printf "%.2f", a + b}')"
        done
        ;;
    *)
        echo "unknown benchmark $bench: one of hello json idle" >&2
        exit 1
        ;;
    esac
done
