#!/usr/bin/env python3
"""Compares switchboard-load JSON reports of Switchboard and Janus (scripts/bench-vs-janus).

For each server: the median of each figure over its runs with the spread (min..max), then the
ratio Switchboard/Janus of the medians. Figures: egress packets/s (what the harness received in
the measured window), server CPU seconds per 1,000 forwarded packets, one-way delay p50/p99,
loss, server RSS, and joins that failed.

Usage: bench_compare.py [--threads N] [--srtp NAME] --janus A.json ... --switchboard B.json ...
"""
import argparse
import json
import statistics
import sys

FIGURES = [
    # (label, how to read it from a report, format, higher is better)
    ("egress packets/s", lambda r: r["received"]["packetsPerSecond"], "{:,.0f}", True),
    ("CPU s per 1,000 packets", lambda r: r.get("cpuSecondsPer1000Packets"), "{:.4f}", False),
    ("server CPU s (window)", lambda r: r["server"].get("cpuSeconds"), "{:.2f}", False),
    ("delay p50 ms", lambda r: r["delayMs"].get("p50"), "{:.3f}", False),
    ("delay p99 ms", lambda r: r["delayMs"].get("p99"), "{:.3f}", False),
    ("loss %", lambda r: 100 * r["lossRatio"], "{:.4f}", False),
    ("RSS MiB", lambda r: None if r["server"].get("rssBytes") is None else r["server"]["rssBytes"] / 1048576, "{:.1f}", False),
    ("failed joins", lambda r: r["failedJoins"], "{:.0f}", False),
    ("receivers with media", lambda r: r["receivers"]["withMedia"], "{:.0f}", True),
]


def load(paths):
    reports = []
    for path in paths:
        with open(path, encoding="utf-8") as handle:
            text = handle.read().strip()
        lines = [line for line in text.splitlines() if line.startswith("{")]
        if not lines:
            sys.exit(f"bench_compare: {path} holds no JSON report")
        reports.append(json.loads(lines[-1]))
    return reports


def summary(reports, read):
    values = [read(report) for report in reports]
    values = [value for value in values if value is not None]
    if not values:
        return None, None, None
    return statistics.median(values), min(values), max(values)


def cell(stats, form):
    median, low, high = stats
    if median is None:
        return "-"
    if low == high:
        return form.format(median)
    return f"{form.format(median)} ({form.format(low)}..{form.format(high)})"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--janus", nargs="+", required=True)
    parser.add_argument("--switchboard", nargs="+", required=True)
    parser.add_argument("--threads", default="?")
    parser.add_argument("--srtp", default="?")
    arguments = parser.parse_args()
    janus = load(arguments.janus)
    switchboard = load(arguments.switchboard)

    scenario = switchboard[0]["scenario"]
    print(f"scenario: {scenario['rooms']} room(s) x ({scenario['publishersPerRoom']} publishers + "
          f"{scenario['subscribersPerRoom']} subscribers), audio={str(scenario['audio']).lower()} video={str(scenario['video']).lower()}, "
          f"{scenario['durationSeconds']} s; server threads {arguments.threads}; SRTP {arguments.srtp}; "
          f"runs: Switchboard {len(switchboard)}, Janus {len(janus)} (medians, min..max)")
    rows = [("", "Switchboard", "Janus", "Switchboard/Janus")]
    for label, read, form, _ in FIGURES:
        ours = summary(switchboard, read)
        theirs = summary(janus, read)
        ratio = "-"
        if ours[0] is not None and theirs[0] is not None and theirs[0] != 0:
            ratio = f"{ours[0] / theirs[0]:.2f}"
        rows.append((label, cell(ours, form), cell(theirs, form), ratio))
    widths = [max(len(row[column]) for row in rows) for column in range(4)]
    for row in rows:
        print("  ".join(text.ljust(widths[column]) if column == 0 else text.rjust(widths[column])
                        for column, text in enumerate(row)))


if __name__ == "__main__":
    main()
