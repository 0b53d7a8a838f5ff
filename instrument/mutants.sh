#!/usr/bin/env bash
# Runs the differential fuzzer alone once per rewriter mutant (dev.jcoro.instrument.Mutant: a deliberate,
# plausible bug the agent makes when -Djcoro.mutant=NAME is set) and prints whether the fuzzer killed it.
#
#   instrument/mutants.sh              # 400 fixed programs per mutant
#   instrument/mutants.sh 3000 NAME... # more programs, or only the named mutants
#
# A mutant is killed when DifferentialFuzzTest fails with it switched on; the unmutated rewriter must pass
# the same run (it is run first). Each run rebuilds what changed, so allow a few minutes per mutant.
set -uo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
programs=${1:-400}
shift || true
if (( $# > 0 )); then
    mutants=("$@")
else
    mapfile -t mutants < <(sed -n 's/^    \([A-Z_]*\)[,;]$/\1/p' "$root/instrument/src/main/java/dev/jcoro/instrument/Mutant.java")
fi

run_fuzzer() {
    (cd "$root" && mvn -B -pl instrument,core package -Dsurefire.failIfNoSpecifiedTests=false -Dtest=DifferentialFuzzTest \
        -Djcoro.fuzz.count="$programs" -Djcoro.fuzz.fresh=0 -Djcoro.mutant="$1" > "$2" 2>&1)
}

log=$(mktemp)
if ! run_fuzzer "" "$log"; then
    echo "the unmutated rewriter fails the fuzzer; see $log" >&2
    exit 1
fi
printf '%-32s %-9s %s\n' MUTANT RESULT "HOW (first line of the fuzzer's failure)"
survivors=0
for m in "${mutants[@]}"; do
    log=$(mktemp)
    if run_fuzzer "$m" "$log"; then
        printf '%-32s %-9s\n' "$m" SURVIVED
        survivors=$((survivors + 1))
    else
        how=$(grep -a -m1 -oE '[0-9]+ program\(s\) behaved differently|no program was refused as [A-Z_]+|the generator wrote programs javac rejects|a program made no progress|the fuzz loop failed' "$log")
        first=$(grep -a -m1 -oE '==== seed -?[0-9]+: .*' "$log" | cut -c1-90)
        printf '%-32s %-9s %s; %s\n' "$m" KILLED "${how:-see $log}" "$first"
    fi
done
exit $((survivors > 0))
