#!/usr/bin/env python3
"""Prints issue 15's speed targets against a JMH JSON result (benchmarks/results/latest.json).

Each target is a ratio between two rows of the same run ("peer time / Correlog time": above 1
means Correlog is faster) or an absolute bound on one row. A row missing from the run (a regex
that did not select it) is reported as "not run". Allocation targets read gc.alloc.rate.norm.

    python3 benchmarks/targets.py [benchmarks/results/latest.json]
"""
import json
import sys

P = "dev.correlog.benchmarks."

# (label, correlog row, peer row or None, kind, bound)
#   kind "ratio": peer / correlog >= bound
#   kind "max_ns": correlog <= bound ns/op
#   kind "no_slower": correlog <= peer
#   kind "zero_alloc": correlog B/op < 0.5 (peer ignored)
#   kind "rate": correlog ops/s >= peer ops/s (throughput rows)
#   kind "gap" / "stated": no bound, the ratio is printed
TARGETS = [
    ("enabled event vs logstash-logback-encoder", "peers.CorrelogBenchmark.info",
     "peers.LogstashEncoderBenchmark.info", "ratio", 7),
    ("enabled event vs Log4j2 JsonTemplateLayout", "peers.CorrelogBenchmark.info",
     "peers.Log4j2JsonTemplateBenchmark.info", "ratio", 12),
    ("enabled event, 0 B/op", "peers.CorrelogBenchmark.info", None, "zero_alloc", 0),
    ("EmitBenchmark.tenFields at most 250 ns", "event.EmitBenchmark.tenFields", None, "max_ns", 250),
    ("tenFields / copy-only floor (state the gap)", "event.EmitBenchmark.tenFields",
     "event.FloorBenchmark.pieces", "gap", 0),
    ("sampled-out, unguarded, at most 3 ns", "peers.CorrelogBenchmark.sampledOut", None, "max_ns", 3),
    ("sampled-out, 0 B/op", "peers.CorrelogBenchmark.sampledOut", None, "zero_alloc", 0),
    ("sampled-out / bare ThreadLocal.get() floor (state the gap)",
     "event.SampledOutFloorBenchmark.sampledOut", "event.SampledOutFloorBenchmark.threadLocalFloor",
     "gap", 0),
    ("disabled, 2 threads on one logger / on their own (contention)",
     "peers.CorrelogBenchmark.debugDisabledTwoThreads",
     "peers.CorrelogBenchmark.debugDisabledTwoThreadsOwnLogger", "gap", 0),
    ("disabled, unguarded, no slower than Logback", "peers.CorrelogBenchmark.debugDisabled",
     "peers.LogstashEncoderBenchmark.debugDisabled", "no_slower", 0),
    ("disabled, unguarded, no slower than Logback atDebug()", "peers.CorrelogBenchmark.debugDisabled",
     "peers.Slf4jBridgeBenchmark.logbackFluentDisabled", "no_slower", 0),
    ("disabled, 0 B/op", "peers.CorrelogBenchmark.debugDisabled", None, "zero_alloc", 0),
    ("disabled and counted (countDisabled(true), no target) / not counted",
     "peers.CorrelogBenchmark.debugDisabledCounted", "peers.CorrelogBenchmark.debugDisabled", "gap", 0),
    ("disabled and counted, 2 threads on one logger (no target) / not counted",
     "peers.CorrelogBenchmark.debugDisabledCountedTwoThreads",
     "peers.CorrelogBenchmark.debugDisabledTwoThreads", "gap", 0),
    ("W3C extract vs OpenTelemetry", "propagation.W3cBenchmark.extract_correlog",
     "propagation.W3cBenchmark.extract_otel", "ratio", 4),
    ("W3C extract and read the tracestate vs OpenTelemetry (no target: Correlog checks it at the"
     " first read)", "propagation.W3cBenchmark.extractAndReadTraceState_correlog",
     "propagation.W3cBenchmark.extractAndReadTraceState_otel", "stated", 0),
    ("W3C inject vs OpenTelemetry", "propagation.W3cBenchmark.inject_correlog",
     "propagation.W3cBenchmark.inject_otel", "ratio", 2),
    ("B3 single extract vs OpenTelemetry", "propagation.B3SingleBenchmark.extract_correlog",
     "propagation.B3SingleBenchmark.extract_otel", "ratio", 2),
    ("B3 single extract vs Brave", "propagation.B3SingleBenchmark.extract_correlog",
     "propagation.B3SingleBenchmark.extract_brave", "ratio", 2),
    ("B3 multi extract (MAP_GETTER) vs OpenTelemetry", "propagation.B3MultiBenchmark.extract_correlog",
     "propagation.B3MultiBenchmark.extract_otel", "ratio", 2),
    ("B3 multi extract (MAP_GETTER) vs Brave", "propagation.B3MultiBenchmark.extract_correlog",
     "propagation.B3MultiBenchmark.extract_brave", "ratio", 2),
    ("SLF4J classic vs Logback + logstash", "peers.Slf4jBridgeBenchmark.providerClassic",
     "peers.Slf4jBridgeBenchmark.logstashClassic", "ratio", 5),
    ("SLF4J fluent vs Logback + logstash", "peers.Slf4jBridgeBenchmark.providerFluent",
     "peers.Slf4jBridgeBenchmark.logstashFluent", "ratio", 5),
    ("SLF4J classic, 0 B/op", "peers.Slf4jBridgeBenchmark.providerClassic", None, "zero_alloc", 0),
    ("SLF4J fluent, 0 B/op", "peers.Slf4jBridgeBenchmark.providerFluent", None, "zero_alloc", 0),
    ("SLF4J classic with MDC, 0 B/op", "peers.Slf4jBridgeBenchmark.providerClassicMdc", None,
     "zero_alloc", 0),
    ("SLF4J classic with a marker, 0 B/op", "peers.Slf4jBridgeBenchmark.providerClassicMarker", None,
     "zero_alloc", 0),
    ("SLF4J fluent, supplier/argument/marker, 0 B/op", "peers.Slf4jBridgeBenchmark.providerFluentParts",
     None, "zero_alloc", 0),
    ("SLF4J classic with a throwable vs Logback + logstash (no target)",
     "peers.Slf4jBridgeBenchmark.providerClassicThrowable",
     "peers.Slf4jBridgeBenchmark.logstashClassicThrowable", "stated", 0),
    ("SLF4J disabled (classic) at most 2 ns", "peers.Slf4jBridgeBenchmark.providerDebugDisabled",
     None, "max_ns", 2),
    ("SLF4J disabled (fluent) at most 2 ns", "peers.Slf4jBridgeBenchmark.providerFluentDisabled",
     None, "max_ns", 2),
    ("async: drop-below-WARN no slower than block (lines queued/s)",
     "peers.CorrelogAsyncBenchmark.dropWhenFull:queued",
     "peers.CorrelogAsyncBenchmark.waitWhenFull:queued", "rate", 0),
]


def number(x):
    try:
        x = float(x)
    except (TypeError, ValueError):
        return None
    return None if x != x else x


def load(path):
    rows = {}
    for r in json.load(open(path)):
        if r.get("params"):
            continue  # the targets name rows without parameters
        name = r["benchmark"].replace(P, "")
        p = r["primaryMetric"]
        alloc = r.get("secondaryMetrics", {}).get("gc.alloc.rate.norm")
        rows[name] = (
            number(p["score"]),
            number(p["scoreError"]),
            p["scoreUnit"],
            None if alloc is None else number(alloc["score"]),
        )
        queued = r.get("secondaryMetrics", {}).get("queued")  # a JMH aux counter: lines taken
        if queued is not None:
            rows[name + ":queued"] = (
                number(queued["score"]), number(queued["scoreError"]), queued["scoreUnit"], None)
    return rows


def fmt(row):
    score, error, unit, _ = row
    return "%.1f%s %s" % (score, "" if error is None else " ± %.1f" % error, unit)


def verdict(rows, label, ours, peer, kind, bound):
    if ours not in rows or (peer and peer not in rows):
        return (label, "not run", "", "")
    o = rows[ours]
    if kind == "zero_alloc":
        alloc = o[3]
        return (label, "%.1f B/op" % alloc if alloc is not None else "no -prof gc", "",
                "met" if alloc is not None and alloc < 0.5 else "missed")
    if kind == "max_ns":
        return (label, fmt(o), "<= %g ns" % bound, "met" if o[0] <= bound else "missed")
    p = rows[peer]
    if kind == "rate":
        ratio = o[0] / p[0]
        return (label, fmt(o), "%s (%.2fx)" % (fmt(p), ratio), "met" if ratio >= 1 else "missed")
    ratio = p[0] / o[0]
    if kind == "gap":
        return (label, fmt(o), "floor %s: %.2fx the floor" % (fmt(p), 1 / ratio), "stated")
    if kind == "stated":
        return (label, fmt(o), "%s: %.2fx" % (fmt(p), ratio), "stated")
    if kind == "no_slower":
        return (label, fmt(o), "%s (%.2fx)" % (fmt(p), ratio), "met" if ratio >= 1 else "missed")
    return (label, fmt(o), "%s: %.2fx (target %gx)" % (fmt(p), ratio, bound),
            "met" if ratio >= bound else "missed")


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else "benchmarks/results/latest.json"
    rows = load(path)
    out = [verdict(rows, *t) for t in TARGETS]
    if all(v[1] == "not run" for v in out):
        return
    head = ("issue 15 target", "Correlog", "peer / bound", "verdict")
    widths = [max(len(x[i]) for x in out + [head]) for i in range(4)]
    print()
    for row in [head] + out:
        print("  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip())


if __name__ == "__main__":
    main()
