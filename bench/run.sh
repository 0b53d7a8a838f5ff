#!/usr/bin/env bash
# jcoro's JMH benchmarks, with the jcoro agent in every fork, jcoro and the JDK's own continuation side by side.
#
#   bench/run.sh                  # everything, short runs (a few minutes per JDK)
#   bench/run.sh RoundTrip -i 10  # any JMH options: a benchmark regex, more iterations, other profilers
#
# It builds what is missing (the agent jar and bench/target/benchmarks.jar), then runs the benchmarks on the
# JDK of `java` on the PATH (or $JDK17) and, when it exists, on JDK 25 ($JDK25, by default
# /usr/lib/jvm/temurin-25-jdk-amd64). jdk.internal.vm.Continuation and virtual threads need JDK 21 or later; on
# older JDKs their benchmarks (methods named jdk and vthread) are left out, on newer ones the forks get
# --add-exports java.base/jdk.internal.vm=ALL-UNNAMED.
# Results go to bench/target/results-jdk<N>.json; bench/summarize.py prints the table of medians that
# docs/benchmarks.md quotes.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
agent=$root/instrument/target/jcoro-agent.jar
jar=$root/bench/target/benchmarks.jar
first_jdk=${JDK17:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}
jdk25=${JDK25:-/usr/lib/jvm/temurin-25-jdk-amd64}

if [[ ! -f $agent || ! -f $jar ]]; then
    (cd "$root" && mvn -B -q -DskipTests package)
fi

# Short runs: one fork, 3 x 1 s warm-up, 5 x 1 s measurement; -prof gc adds allocation per operation.
defaults=(-f 1 -wi 3 -i 5 -w 1s -r 1s -prof gc)

feature_version() {
    "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p'
}

run_on() {
    local home=$1 version jvm_args excludes=()
    shift
    version=$(feature_version "$home")
    jvm_args="-javaagent:$agent"
    if (( version >= 21 )); then
        jvm_args+=" --add-exports java.base/jdk.internal.vm=ALL-UNNAMED"
    else
        # Neither the JDK's continuation nor virtual threads exist before JDK 21.
        excludes=(-e '\.jdk$,\.vthread$')
    fi
    echo "== JDK $version ($home)"
    "$home/bin/java" -jar "$jar" "${defaults[@]}" "${excludes[@]}" -jvmArgsAppend "$jvm_args" \
        -rf json -rff "$root/bench/target/results-jdk$version.json" "$@"
    results+=("$root/bench/target/results-jdk$version.json")
}

results=()
run_on "$first_jdk" "$@"
if [[ -x $jdk25/bin/java && $(readlink -f "$jdk25") != $(readlink -f "$first_jdk") ]]; then
    run_on "$jdk25" "$@"
else
    echo "== no JDK 25 at $jdk25: jdk.internal.vm.Continuation not measured"
fi

if command -v python3 > /dev/null; then
    python3 "$root/bench/summarize.py" "${results[@]}"
fi
