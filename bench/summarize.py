#!/usr/bin/env python3
"""Prints the table of docs/benchmarks.md from JMH JSON results (bench/run.sh writes them).

Usage: summarize.py results-jdk17.json [results-jdk25.json ...]

Every figure is the median of the measured iterations (JMH's own summary shows means): the machines are
shared and a single slow iteration should not move the figure.
"""
import json
import statistics
import sys


def median(raw):
    return statistics.median(v for fork in raw for v in fork)


def load(path):
    rows = {}
    jdk = None
    for b in json.load(open(path)):
        jdk = b["jdkVersion"].split(".")[0].split("+")[0]
        name = b["benchmark"].split(".")[-2] + "." + b["benchmark"].split(".")[-1]
        params = b.get("params", {})
        for key in ("depth", "loops"):
            if key in params:
                name += "@" + params[key]
        secondary = b.get("secondaryMetrics", {})
        rows[name] = {
            "score": median(b["primaryMetric"]["rawData"]),
            "unit": b["primaryMetric"]["scoreUnit"],
            "alloc": median(secondary["gc.alloc.rate.norm"]["rawData"]) if "gc.alloc.rate.norm" in secondary else None,
            "bytes": median(secondary["bytesPerContinuation"]["rawData"]) if "bytesPerContinuation" in secondary else None,
        }
    return jdk, rows


def fmt(v, digits=1):
    return "—" if v is None else f"{v:,.{digits}f}"


def main(paths):
    runs = [load(p) for p in paths]
    if any(k.split("@")[0].split(".")[0] in CONTINUATION_BENCHES for _, rows in runs for k in rows):
        continuation_rows(runs)
    scheduler_rows(runs)


CONTINUATION_BENCHES = {"RoundTripBench", "CreateYieldFinishBench", "FootprintBench", "FastPathBench"}


def continuation_rows(runs):
    """The continuation against jdk.internal.vm.Continuation, and the fast path against plain calls."""
    header = "| question | " + " | ".join(f"jcoro, JDK {jdk}" for jdk, _ in runs)
    newest_jdk, newest = runs[-1]
    has_jdk = any(k.endswith(".jdk") or ".jdk@" in k for k in newest)
    if has_jdk:
        header += f" | jdk.internal.vm.Continuation, JDK {newest_jdk} | jcoro ÷ JDK continuation (JDK {newest_jdk})"
    print(header + " |")
    print("|---" * (header.count("|")) + "|")

    def row(label, jcoro_key, jdk_key, field="score", digits=1):
        cells = [fmt(rows.get(jcoro_key, {}).get(field), digits) for _, rows in runs]
        line = f"| {label} | " + " | ".join(cells)
        if has_jdk:
            j = newest.get(jcoro_key, {}).get(field)
            k = newest.get(jdk_key, {}).get(field)
            # Below a byte per operation the profiler's rounding dominates: no ratio.
            ratio = f"{j / k:.2f}×" if j is not None and k is not None and k >= 1 and j >= 1 else "—"
            line += f" | {fmt(k, digits)} | {ratio}"
        print(line + " |")

    row("suspend + resume round trip, depth 1 (ns)", "RoundTripBench.jcoro@1", "RoundTripBench.jdk@1")
    row("suspend + resume round trip, depth 10 (ns)", "RoundTripBench.jcoro@10", "RoundTripBench.jdk@10")
    row("create + yield once + finish (ns)", "CreateYieldFinishBench.jcoro", "CreateYieldFinishBench.jdk")
    row("allocation per round trip, depth 1 (B)", "RoundTripBench.jcoro@1", "RoundTripBench.jdk@1", "alloc", 3)
    row("allocation per round trip, depth 10 (B)", "RoundTripBench.jcoro@10", "RoundTripBench.jdk@10", "alloc", 3)
    row("allocation per create + yield + finish (B)", "CreateYieldFinishBench.jcoro", "CreateYieldFinishBench.jdk", "alloc")
    row("heap per continuation suspended 10 deep (B)", "FootprintBench.jcoro", "FootprintBench.jdk", "bytes", 0)

    print()
    print("| never-suspending chain, depth 10 | " + " | ".join(f"JDK {jdk}" for jdk, _ in runs) + " |")
    print("|---" * (len(runs) + 1) + "|")
    for label, key in (("@Suspendable, rewritten (ns)", "FastPathBench.instrumented"), ("plain (ns)", "FastPathBench.plain")):
        print(f"| {label} | " + " | ".join(fmt(rows.get(key, {}).get("score"), 2) for _, rows in runs) + " |")
    ratios = []
    for _, rows in runs:
        a = rows.get("FastPathBench.instrumented", {}).get("score")
        b = rows.get("FastPathBench.plain", {}).get("score")
        ratios.append(f"{a / b:.2f}×" if a is not None and b else "—")
    print("| rewritten ÷ plain | " + " | ".join(ratios) + " |")
    print()


def scheduler_rows(runs):
    """The scheduler against virtual threads (PingPongBench, LaunchJoinBench), when the run has them."""
    newest_jdk, newest = runs[-1]
    rows = [
        ("Channel ping-pong round trip, one loop / one carrier (ns)", "PingPongBench.jcoro@1", "PingPongBench.vthread@1"),
        ("Channel ping-pong round trip, two loops / two carriers (ns)", "PingPongBench.jcoro@2", "PingPongBench.vthread@2"),
        ("launch + join one child, two loops / two carriers (ns)", "LaunchJoinBench.jcoro@2", "LaunchJoinBench.vthread@2"),
    ]
    if not any(j in rows_ for _, rows_ in runs for _, j, _ in rows):
        return
    print("| scheduler question | " + " | ".join(f"jcoro, JDK {jdk}" for jdk, _ in runs)
          + f" | virtual threads, JDK {newest_jdk} | jcoro ÷ virtual threads (JDK {newest_jdk}) |")
    print("|---" * (len(runs) + 3) + "|")
    for label, j, v in rows:
        cells = [fmt(r.get(j, {}).get("score")) for _, r in runs]
        a = newest.get(j, {}).get("score")
        b = newest.get(v, {}).get("score")
        ratio = f"{a / b:.2f}×" if a is not None and b else "—"
        print(f"| {label} | " + " | ".join(cells) + f" | {fmt(b)} | {ratio} |")
    for label, j, v in (("allocation per ping-pong round trip, one loop (B)", "PingPongBench.jcoro@1", "PingPongBench.vthread@1"),
                        ("allocation per launch + join (B)", "LaunchJoinBench.jcoro@2", "LaunchJoinBench.vthread@2")):
        cells = [fmt(r.get(j, {}).get("alloc")) for _, r in runs]
        print(f"| {label} | " + " | ".join(cells) + f" | {fmt(newest.get(v, {}).get('alloc'))} | — |")


if __name__ == "__main__":
    main(sys.argv[1:])
