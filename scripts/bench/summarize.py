#!/usr/bin/env python3
"""Summary for scripts/bench-public.sh: reads the run's records (JSON lines) and prints a table,
the targets met or missed, then, last, one JSON line per database that was measured.

Records (one per line):
  {"kind": "ceiling" | "server" | "ceiling_after", "db": "sqlite" | "postgres", <BENCH_RESULT fields from
   scripts/bench/report.lua>, "idle_rss_mb", "load_rss_mb", "peak_rss_mb", "body_bytes"}
  {"kind": "skipped", "db": "postgres", "reason": "..."}

Exit status: 0, or 1 when BENCH_STRICT=1 and a target is missed (or a database was skipped).
"""

import json
import os
import sys

# The targets.
MIN_SHARE_OF_CEILING = 0.5
MAX_P99_MS = 50.0
MAX_IDLE_RSS_MB = 60.0

BOLD, GREEN, RED, YELLOW, RESET = ("\033[1m", "\033[32m", "\033[31m", "\033[33m", "\033[0m")
if not sys.stdout.isatty() or os.environ.get("NO_COLOR"):
    BOLD = GREEN = RED = YELLOW = RESET = ""


def main(path, connections, duration):
    records = [json.loads(line) for line in open(path, encoding="utf-8") if line.strip()]
    servers = [r for r in records if r["kind"] == "server"]
    before = {r["db"]: r for r in records if r["kind"] == "ceiling"}
    after = {r["db"]: r for r in records if r["kind"] == "ceiling_after"}
    # The ceiling for a database: the mean of the runs right before and right after it.
    ceilings = {}
    for db, b in before.items():
        runs = [b] + ([after[db]] if db in after else [])
        ceilings[db] = dict(b, requests_per_s=sum(r["requests_per_s"] for r in runs) / len(runs))
    skipped = [r for r in records if r["kind"] == "skipped"]

    print(f"{BOLD}==> results{RESET} ({connections} connections, {duration}s each, "
          "wrk and the server share the machine's cores)")
    header = (f"    {'target':<18} {'req/s':>10} {'p50 ms':>8} {'p99 ms':>8} {'max ms':>8} "
              f"{'errors':>7} {'idle RSS':>9} {'peak RSS':>9} {'body B':>7} {'of ceiling':>10}")
    print(header)
    print("    " + "-" * (len(header) - 4))
    for s in servers:
        c = ceilings.get(s["db"])
        rows = (("ceiling before", before.get(s["db"])), (f"reckot {s['db']}", s),
                ("ceiling after", after.get(s["db"])))
        for name, r in rows:
            if r is None:
                continue
            share = (f"{100 * r['requests_per_s'] / c['requests_per_s']:.0f}%"
                     if c and c["requests_per_s"] > 0 else "-")
            print(f"    {name:<18} {r['requests_per_s']:>10.0f} {r['p50_ms']:>8.2f} "
                  f"{r['p99_ms']:>8.2f} {r['max_ms']:>8.1f} {r['errors']:>7d} "
                  f"{r['idle_rss_mb']:>7.1f}MB {r['peak_rss_mb']:>7.1f}MB "
                  f"{r.get('body_bytes', 0):>7d} {share:>10}")
        b, a = before.get(s["db"]), after.get(s["db"])
        if b and a and abs(b["requests_per_s"] - a["requests_per_s"]) > 0.2 * max(b["requests_per_s"], a["requests_per_s"]):
            print(f"    {YELLOW}the ceiling moved by more than 20% during the {s['db']} run: the machine "
                  f"is busy and the ratio is noisy; run again on a quiet machine{RESET}")
        if s["errors"]:
            print(f"    {YELLOW}errors for {s['db']}: connect {s['errors_connect']}, read "
                  f"{s['errors_read']}, write {s['errors_write']}, status>=400 "
                  f"{s['errors_status']}, timeout {s['errors_timeout']}{RESET}")
    print("    (of ceiling: against the mean of the ceiling runs before and after; idle RSS: VmRSS after"
          " start-up and one request; peak RSS: VmHWM during the load)")

    missed = False
    print(f"{BOLD}==> targets{RESET} (>= {MIN_SHARE_OF_CEILING:.0%} of the ceiling, "
          f"p99 <= {MAX_P99_MS:g} ms at {connections} clients, idle RSS <= {MAX_IDLE_RSS_MB:g} MB, "
          "no errors)")
    for s in servers:
        c = ceilings.get(s["db"])
        ceiling_rps = c["requests_per_s"] if c else 0.0
        checks = [
            ("throughput", ceiling_rps > 0 and s["requests_per_s"] >= MIN_SHARE_OF_CEILING * ceiling_rps,
             f"{s['requests_per_s']:.0f} req/s vs {MIN_SHARE_OF_CEILING * ceiling_rps:.0f} needed"),
            ("p99", s["p99_ms"] <= MAX_P99_MS, f"{s['p99_ms']:.2f} ms"),
            ("idle RSS", s["idle_rss_mb"] <= MAX_IDLE_RSS_MB, f"{s['idle_rss_mb']:.1f} MB"),
            ("errors", s["errors"] == 0, f"{s['errors']}"),
        ]
        for label, ok, detail in checks:
            mark = f"{GREEN}met{RESET}   " if ok else f"{RED}MISSED{RESET}"
            missed |= not ok
            print(f"    {s['db']:<9} {label:<11} {mark} {detail}")
    for r in skipped:
        missed = True
        print(f"    {YELLOW}{r['db']}: skipped, no JSON line: {r['reason']}{RESET}")

    for s in servers:
        c = ceilings.get(s["db"])
        print(json.dumps({
            "db": s["db"],
            "requests_per_s": round(s["requests_per_s"], 1),
            "p50_ms": round(s["p50_ms"], 2),
            "p99_ms": round(s["p99_ms"], 2),
            "rss_mb": round(s["idle_rss_mb"], 1),
            "errors": s["errors"],
            "ceiling_requests_per_s": round(c["requests_per_s"], 1) if c else None,
        }))
    return 1 if missed and os.environ.get("BENCH_STRICT") == "1" else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2], sys.argv[3]))
