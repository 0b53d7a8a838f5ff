#!/usr/bin/env bash
# Every row of the performance targets (DESIGN.md, issue 11), each beside its alternative in the same run, in one
# pass on this machine. The rows and what they run:
#
#   frames      thread CPU time per operation (dev.jcoro.bench.FrameCpuTime): round trip at depth 1 and 10, create +
#               yield + finish, the never-suspending chain and plain code (called from a plain thread, and, in a
#               JVM of its own, from a coroutine on a carrier thread); jcoro and the JDK's own continuation on
#               JDK 25, jcoro on JDK 17 with G1 (the default) and with ParallelGC
#   heap        bytes retained per continuation parked ten frames deep (JMH FootprintBench), jcoro and the JDK
#               continuation on JDK 25, jcoro on JDK 17
#   scheduler   Channel(0) ping-pong on one loop in the loop thread's CPU time (PingPongCpuTime); on one and two
#               loops and launch + join (JMH PingPongBench, LaunchJoinBench), jcoro and virtual threads on JDK 25,
#               jcoro on JDK 17
#   seed        the seed demo, N = 1,000 and N = 10,000, each a fresh JVM on JDK 17, twice
#   startup     Maven (about 3,300 classes, none of them jcoro's) with and without the agent, alternated; a
#               program's first coroutine (dev.jcoro.bench.FirstCoroutine), five fresh JVMs on each JDK
#
#   bench/targets.sh                    # everything, about 12 minutes on 2 cores
#   ROWS="frames heap" bench/targets.sh
#
# Print the machine's load beside the figures (the header does): on a shared machine only ratios from one run
# compare. $JDK17 (default: the java on the PATH) and $JDK25 (default /usr/lib/jvm/temurin-25-jdk-amd64) pick the
# JDKs; ROUNDS (default 11) and OPS (default 200000) size FrameCpuTime.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
agent=$root/instrument/target/jcoro-agent.jar
jar=$root/bench/target/benchmarks.jar
samples=$root/samples/target/jcoro-samples.jar
j17=${JDK17:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}/bin/java
j25=${JDK25:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
rows=${ROWS:-"frames heap scheduler seed startup"}
rounds=${ROUNDS:-11}
ops=${OPS:-200000}
exports=(--add-exports java.base/jdk.internal.vm=ALL-UNNAMED)
jmh=(-Djmh.ignoreLock=true -jar "$jar" -f 1 -wi 5 -i 5 -w 1s -r 1s)

[[ -f $agent && -f $jar && -f $samples ]] || (cd "$root" && mvn -B -q -DskipTests package)
[[ -x $j25 ]] || { echo "JDK 25 not found at $j25 (set JDK25)" >&2; exit 1; }

# The score lines of a JMH run, without its progress output.
scores() {
    awk '/^Benchmark/ {on = 1} on && NF'
}

# FootprintBench's bytes per continuation: the median of its iterations, per benchmark (JMH's summary row of a
# single-shot secondary result is the sum of the iterations, not a per-continuation figure).
bytes_per_continuation() {
    awk '/^# Benchmark: / {name = $3} /bytesPerContinuation: / {print name, $2}' | sort -k1,1 -k2,2n |
        awk '{n[$1]++; v[$1, n[$1]] = $2}
             END {for (k in n) printf "%-45s %8.1f B  (median of %d iterations)\n", k, v[k, int((n[k] + 1) / 2)], n[k]}'
}

echo "# $(date -u '+%F %T') UTC, load average $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores," \
    "$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)"
echo "# JDK 17: $("$j17" -version 2>&1 | head -1); JDK 25: $("$j25" -version 2>&1 | head -1)"
for row in $rows; do
    case $row in
    frames)
        echo "## frames: thread CPU ns per operation, median of $rounds rounds"
        echo "### JDK 25"
        "$j25" -javaagent:"$agent" "${exports[@]}" -cp "$jar" dev.jcoro.bench.FrameCpuTime "$rounds" "$ops"
        "$j25" -javaagent:"$agent" -cp "$jar" dev.jcoro.bench.FrameCpuTime "$rounds" "$ops" carrier | grep -v '^#'
        echo "### JDK 17, G1"
        "$j17" -javaagent:"$agent" -cp "$jar" dev.jcoro.bench.FrameCpuTime "$rounds" "$ops"
        "$j17" -javaagent:"$agent" -cp "$jar" dev.jcoro.bench.FrameCpuTime "$rounds" "$ops" carrier | grep -v '^#'
        echo "### JDK 17, ParallelGC"
        "$j17" -XX:+UseParallelGC -javaagent:"$agent" -cp "$jar" dev.jcoro.bench.FrameCpuTime "$rounds" "$ops"
        ;;
    heap)
        echo "## heap: bytes per continuation parked ten frames deep (bytesPerContinuation)"
        echo "### JDK 25"
        "$j25" "${jmh[@]}" FootprintBench -jvmArgsAppend "-javaagent:$agent ${exports[*]}" | bytes_per_continuation
        echo "### JDK 17"
        "$j17" "${jmh[@]}" FootprintBench -e '\.jdk$' -jvmArgsAppend "-javaagent:$agent" | bytes_per_continuation
        ;;
    scheduler)
        echo "## scheduler: ns per operation (ping-pong: one round trip; launch + join: one coroutine)"
        echo "### one-loop ping-pong in loop-thread CPU time, JDK 25 then JDK 17"
        "$j25" -javaagent:"$agent" -cp "$jar" dev.jcoro.bench.PingPongCpuTime 11 30
        "$j17" -javaagent:"$agent" -cp "$jar" dev.jcoro.bench.PingPongCpuTime 11 30
        echo "### JDK 25"
        "$j25" "${jmh[@]}" 'PingPongBench|LaunchJoinBench' -p loops=1,2 -prof gc -jvmArgsAppend "-javaagent:$agent" \
            | scores | grep -v 'gc\.\(count\|time\|alloc\.rate \)'
        echo "### JDK 17"
        "$j17" "${jmh[@]}" 'PingPongBench|LaunchJoinBench' -e '\.vthread$' -p loops=1,2 -jvmArgsAppend "-javaagent:$agent" \
            | scores
        ;;
    seed)
        echo "## seed demo, JDK 17, each run a fresh JVM (seconds per client)"
        for n in 1000 1000 10000 10000; do
            echo "### N = $n"
            (cd "$root" && "$j17" -javaagent:"$agent" -jar "$samples" "$n" | grep -v '^ ')
        done
        ;;
    startup)
        echo "## the first coroutine of a fresh JVM, with the agent"
        for java in "$j17" "$j25"; do
            for _ in 1 2 3 4 5; do
                "$java" -javaagent:"$agent" -cp "$jar" dev.jcoro.bench.FirstCoroutine
            done
        done
        echo "## agent start-up: mvn -q -o -f instrument/pom.xml help:help (it stops early, after loading its classes)"
        command -v mvn >/dev/null || { echo "mvn is not on the PATH" >&2; exit 1; }
        for _ in 1 2 3 4 5; do
            for opts in "" "-javaagent:$agent"; do
                label=none
                [[ -n $opts ]] && label=agent
                printf '%-8s ' "$label"
                # The command fails on purpose ("no plugin found for prefix 'help'"); only its cost is wanted.
                (cd "$root" && env JAVA_HOME="$(dirname "$(dirname "$(readlink -f "$j17")")")" MAVEN_OPTS="$opts" \
                    /usr/bin/time -f "%e s wall, %U+%S s CPU, %M KB peak" mvn -B -q -o -f instrument/pom.xml help:help 2>&1 >/dev/null \
                    || true) | tail -1
            done
        done
        ;;
    *)
        echo "unknown row $row: one of frames heap scheduler seed startup" >&2
        exit 1
        ;;
    esac
done
