#!/usr/bin/env bash
# How jcoro's scheduler scales with its loop count: the scheduler benchmarks with Scheduler.create(n) for
# n = 1, 2, 4, 8, 16, beside virtual threads with as many carriers (jdk.virtualThreadScheduler.parallelism=n).
#
#   mvn -B -DskipTests package      # once, beforehand: this script builds nothing
#   bench/scaling.sh                # about 5 minutes on 16 cores; at most 8
#   OUT=/tmp/scaling bench/scaling.sh
#   LOOPS='1 2' bench/scaling.sh    # other loop counts
#
# Benchmarks (bench/src/main/java/dev/jcoro/bench): PingPongBench (two coroutines over a rendezvous Channel; on
# one loop when n = 1, on two different loops otherwise; the other loops idle) and LaunchJoinBench (a coroutine
# launching and joining 1,000 children spread over the n loops), each against virtual threads. Short JMH runs:
# one fork, 2 x 1 s warm-up, 3 x 1 s measurement, figures are medians of the 3 iterations. Then EchoLoad: a
# loopback 64-byte echo with 1,000 connections, jcoro's TcpServerSocket server with n loops against a
# hand-written selector server with n threads, each in its own JVM (2 s warm-up, 4 s measured): server CPU per
# round trip and heap per idle connection.
#
# Uses JDK 25 ($JDK25, default /usr/lib/jvm/temurin-25-jdk-amd64) when it exists, for both sides, so that the
# two are measured on one JVM; otherwise `java` on the PATH, and on a JDK older than 21 the virtual-thread
# rows are left out. Writes under $OUT (default bench/target/scaling): machine.txt, results.tsv (one line per
# benchmark and n), jmh-n<n>.json and jmh-n<n>.txt (JMH's JSON and log), echo-n<n>.json (EchoLoad's lines),
# summary.txt (the tables printed last).
set -uo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
agent=$root/instrument/target/jcoro-agent.jar
jar=$root/bench/target/benchmarks.jar
out=${OUT:-$root/bench/target/scaling}
jdk25=${JDK25:-/usr/lib/jvm/temurin-25-jdk-amd64}
read -r -a loop_counts <<< "${LOOPS:-1 2 4 8 16}"
# Each n runs four short JMH forks (about 35 s) and two echo servers (about 25 s); a step that hangs is cut off
# so that the others still run.
step_timeout=100
echo_timeout=60
# The same load generator for every n: enough client threads that they are not what limits a 16-core run.
clients=$(( $(nproc) >= 8 ? 4 : 1 ))

for f in "$agent" "$jar"; do
    if [[ ! -f $f ]]; then
        echo "scaling.sh: $f is missing; run 'mvn -B -DskipTests package' in $root first" >&2
        exit 1
    fi
done

if [[ -x $jdk25/bin/java ]]; then
    java=$jdk25/bin/java
else
    java=$(command -v java) || { echo "scaling.sh: no java on the PATH and none at $jdk25" >&2; exit 1; }
fi
version=$("$java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
exclude=""
if (( version < 21 )); then
    exclude='\.vthread$'
    echo "== JDK $version has no virtual threads: their rows are left out"
fi

mkdir -p "$out"
rm -f "$out/results.tsv" "$out"/jmh-n*.json "$out"/jmh-n*.txt "$out"/echo-n*.json
{
    echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo "nproc: $(nproc)"
    echo "cpu: $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)"
    echo "memory: $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo)"
    echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "java: $java"
    "$java" -version 2>&1 | sed 's/^/  /'
    echo "commit: $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)"
} > "$out/machine.txt"
cat "$out/machine.txt"

for n in "${loop_counts[@]}"; do
    echo "== n = $n"
    # JMH's lock file only keeps two JMH runs from overlapping; on a shared machine another user's run holds
    # it for minutes, and this script's steps already run one at a time (JMH_LOCK=1 to respect it anyway).
    timeout "$step_timeout" "$java" -Djmh.ignoreLock="$([[ ${JMH_LOCK:-0} == 1 ]] && echo false || echo true)" \
        -cp "$jar" dev.jcoro.bench.Scaling "$n" "$out" "$agent" \
        'PingPongBench|LaunchJoinBench' "$exclude" \
        || echo "   n = $n failed or timed out (exit $?): see $out/jmh-n$n.txt"
    timeout "$echo_timeout" "$java" -javaagent:"$agent" -cp "$jar" dev.jcoro.bench.EchoLoad \
        loops="$n" connections=1000 warmup=2 seconds=4 clients="$clients" 2>&1 \
        | grep '^{' | tee "$out/echo-n$n.json" \
        || echo "   echo, n = $n: failed or timed out"
done

# The table: medians in ns per operation (a ping-pong round trip; one child launched and joined).
awk -F'\t' -v counts="${loop_counts[*]}" '
    { v[$1 "," $2] = $3; seen[$1] = 1 }
    function cell(x) { return x == "" ? "-" : x }
    function ratio(a, b) { return (a == "" || b == "" || b == 0) ? "-" : sprintf("%.2fx", a / b) }
    function rate(a) { return a == "" || a == 0 ? "-" : sprintf("%.2fM", 1000 / a) }
    END {
        print "| n | ping-pong jcoro (ns) | ping-pong vthread (ns) | jcoro / vthread | launch+join jcoro (ns) | launch+join vthread (ns) | jcoro / vthread | jcoro launches/s |"
        print "|--:|--:|--:|--:|--:|--:|--:|--:|"
        k = split(counts, ns, " ")
        for (i = 1; i <= k; i++) {
            n = ns[i]
            if (!(n in seen)) { printf "| %s | (no result) | | | | | | |\n", n; continue }
            pj = v[n ",PingPongBench.jcoro"]; pv = v[n ",PingPongBench.vthread"]
            lj = v[n ",LaunchJoinBench.jcoro"]; lv = v[n ",LaunchJoinBench.vthread"]
            printf "| %s | %s | %s | %s | %s | %s | %s | %s |\n", n, cell(pj), cell(pv), ratio(pj, pv), cell(lj), cell(lv), ratio(lj, lv), rate(lj)
        }
    }' "$out/results.tsv" 2>/dev/null | tee "$out/summary.txt"
echo "(ping-pong: n = 1 both coroutines on one loop; n > 1 on two different loops. Raw lines: $out/results.tsv)"

# The echo table, from EchoLoad's JSON lines: round trips per second, server-thread CPU per round trip, idle heap.
for n in "${loop_counts[@]}"; do
    [[ -s $out/echo-n$n.json ]] || continue
    sed -n 's/.*"server": "\([a-z]*\)".*"roundTripsPerSecond": \([0-9.]*\).*"serverThreadCpuUsPerRoundTrip": \([0-9.]*\).*"idleBytesPerConnection": \([0-9.]*\).*/\1\t\2\t\3\t\4/p' \
        "$out/echo-n$n.json" | sed "s/^/$n\t/"
done | awk -F'\t' '
    BEGIN { print "\n| n | echo rt/s callback | echo rt/s jcoro | server CPU us/rt callback | server CPU us/rt jcoro | jcoro / callback | idle B/conn callback | idle B/conn jcoro |"
            print "|--:|--:|--:|--:|--:|--:|--:|--:|" }
    { rt[$1 "," $2] = $3; cpu[$1 "," $2] = $4; idle[$1 "," $2] = $5; if (!($1 in seen)) { order[++k] = $1; seen[$1] = 1 } }
    END {
        for (i = 1; i <= k; i++) {
            n = order[i]; c = cpu[n ",callback"]; j = cpu[n ",jcoro"]
            printf "| %s | %s | %s | %s | %s | %s | %s | %s |\n", n, rt[n ",callback"], rt[n ",jcoro"], c, j,
                (c > 0 && j != "") ? sprintf("%.2fx", j / c) : "-", idle[n ",callback"], idle[n ",jcoro"]
        }
    }' | tee -a "$out/summary.txt"
