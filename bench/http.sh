#!/usr/bin/env bash
# Keep-alive GET /hello under wrk, jcoro-http against Netty 4.2 (epoll and NIO), the JDK's httpserver on
# virtual threads, Vert.x 5 web and Helidon SE 4, each server in its own JVM started in turn, the same wrk
# arguments for all.
#
#   bench/http.sh                          # 100 and 10,000 connections, 10 s each, every server but helidon
#   DURATION=20 CONNS="100" bench/http.sh jcoro netty-epoll vertx
#
# Server names: jcoro netty-epoll netty-nio jdk-vt vertx helidon. helidon needs Helidon 4, hence JDK 21, so
# it is only in a benchmarks jar built on JDK 21 or later (the default build targets 17):
#   JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 mvn -B -q -DskipTests package -pl bench -am
#
# Prints one row per server and connection count: requests/s, p50 and p99 latency, wrk's socket errors,
# and the server's CPU time per request (user + system ticks of the server process from /proc/PID/stat
# over the measured run, divided by the requests wrk completed). Each measured run follows a 5 s warm-up
# with at most 1,000 connections. Servers run on $JDK25 (default /usr/lib/jvm/temurin-25-jdk-amd64), jcoro
# with its agent; needs wrk (Debian package wrk).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
agent=$root/instrument/target/jcoro-agent.jar
jar=$root/bench/target/benchmarks.jar
java=${JDK25:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
duration=${DURATION:-10}
conns=${CONNS:-"100 10000"}
loops=${LOOPS:-$(nproc)}
servers=("$@")
(( ${#servers[@]} )) || servers=(jcoro netty-epoll netty-nio jdk-vt)

command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install -y wrk)" >&2; exit 1; }
[[ -f $agent && -f $jar ]] || (cd "$root" && mvn -B -q -DskipTests package)
ulimit -n "$(ulimit -Hn)"
ticks_per_second=$(getconf CLK_TCK)

cpu_ticks() {   # utime + stime of a process, in clock ticks
    awk '{print $14 + $15}' "/proc/$1/stat"
}

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

printf '%-12s %6s %10s %9s %9s %10s %s\n' server conns 'req/s' p50 p99 'cpu us/req' 'socket errors'
for c in $conns; do
    for server in "${servers[@]}"; do
        port=$(free_port)
        args=(-Xms1g -Xmx1g -cp "$jar")
        # The watchdog would report carriers that the shared machine preempts; it is off for all runs here.
        [[ $server == jcoro ]] && args=(-javaagent:"$agent" -Djcoro.watchdog.millis=0 "${args[@]}")
        log=$(mktemp)
        "$java" "${args[@]}" dev.jcoro.bench.http.HelloServers "$server" "$port" "$loops" >"$log" 2>&1 &
        pid=$!
        for _ in $(seq 100); do grep -q '^ready' "$log" && break; sleep 0.1; done
        grep -q '^ready' "$log" || { echo "$server did not start:"; cat "$log"; kill "$pid"; exit 1; }
        url=http://127.0.0.1:$port/hello
        # Warm up with at most 1,000 connections, then let their closes drain: two sets of 10,000 sockets at
        # once would not fit the server's file descriptors.
        wrk -t2 -c$(( c < 1000 ? c : 1000 )) -d5s "$url" >/dev/null 2>&1 || true
        sleep 2
        before=$(cpu_ticks "$pid")
        out=$(wrk -t2 -c"$c" -d"${duration}s" --latency "$url")
        after=$(cpu_ticks "$pid")
        kill "$pid"; wait "$pid" 2>/dev/null || true
        rm -f "$log"
        requests=$(sed -n 's/^ *\([0-9]*\) requests in.*/\1/p' <<<"$out")
        rps=$(sed -n 's/^Requests\/sec: *\([0-9.]*\).*/\1/p' <<<"$out")
        p50=$(awk '$1 == "50%" {print $2}' <<<"$out")
        p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
        errors=$(sed -n 's/^ *Socket errors: //p' <<<"$out")
        us=$(awk -v t=$((after - before)) -v hz="$ticks_per_second" -v n="${requests:-0}" 'BEGIN {if (n > 0) printf "%.1f", t / hz * 1e6 / n; else printf "-"}')
        printf '%-12s %6s %10s %9s %9s %10s %s\n' "$server" "$c" "$rps" "$p50" "$p99" "$us" "${errors:-none}"
    done
done
