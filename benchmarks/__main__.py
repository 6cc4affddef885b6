"""``python -m benchmarks [--size small|medium|large] [names...]``: run every benchmark module (or the
named ones), each in its own process, and print one table. A module that fails becomes an ERROR row;
the exit status is 1 when any module failed or any ratio target (a figure against its floor measured
in the same run) was missed; other missed targets are reported as MISSED."""

from __future__ import annotations

import argparse
import json
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

from benchmarks import harness


def main(argv: list[str] | None = None) -> int:
    available = harness.discover()
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", choices=harness.SIZES, default="small",
                        help="project size to measure on (default: small; `make bench` uses large)")
    parser.add_argument("names", nargs="*", metavar="NAME",
                        help=f"modules to run (default: all): {', '.join(available)}")
    parser.add_argument("--markdown", action="store_true", help="print the table as Markdown")
    parser.add_argument("--save", metavar="FILE.json", help="also write the rows and the machine to FILE.json")
    parser.add_argument("--timeout", type=float, default=harness.MODULE_TIMEOUT_S,
                        help="seconds one module may take (default: %(default)s)")
    parser.add_argument("--quiet", action="store_true", help="do not echo the modules' progress to stderr")
    parser.add_argument("--table", metavar="FILE.json", help="print the table of a run saved with --save "
                        "(complete or cut short) and its machine, then exit; runs nothing")
    args = parser.parse_args(argv)
    if args.table:
        saved = json.loads(Path(args.table).read_text(encoding="utf-8"))
        print(harness.format_table(saved["rows"], markdown=args.markdown))
        done = saved.get("done", [])
        print(f"saved {saved['when']}, size {saved['size']}, {saved['seconds']} s, load average at the save "
              f"{saved.get('load_now', saved.get('load_at_end'))}; modules done: {', '.join(done) or 'all'}"
              f"{'' if saved.get('complete', True) else ' (the run did not finish)'}", file=sys.stderr)
        return 0

    names = []
    for raw in args.names or available:
        name = raw if raw.startswith("bench_") else f"bench_{raw}"
        name = name.removesuffix(".py")
        if name not in available:
            parser.error(f"no benchmark module {raw!r}; available: {', '.join(available)}")
        names.append(name)

    machine = harness.machine()
    print(f"benchmarks at size {args.size} on {machine.get('cores')} cores, {machine.get('memory_gb')} GB, "
          f"{machine.get('cpu', '')}; disk {machine.get('disk')}; Python {machine['python']}, "
          f"SQLite {machine['sqlite']}; load average {machine['load']}", file=sys.stderr)
    rows: list[dict] = []
    started, ticks = time.perf_counter(), harness.cpu_ticks()
    when = datetime.now(timezone.utc).isoformat(timespec="seconds")

    def save(done: list[str]) -> None:
        """The rows so far (after each module: a run cut short keeps what it measured)."""
        if args.save:
            Path(args.save).write_text(json.dumps({
                "when": when, "size": args.size, "machine": machine, "load_now": harness.load(),
                "cores_time": harness.busy_since(ticks),
                "seconds": round(time.perf_counter() - started, 1), "modules": names, "done": done,
                "complete": len(done) == len(names), "rows": rows,
            }, ensure_ascii=False, indent=1, default=str), encoding="utf-8")

    for index, name in enumerate(names):
        print(f"running {name} ({args.size}) ...", file=sys.stderr, flush=True)
        t0, module_ticks = time.perf_counter(), harness.cpu_ticks()
        rows += harness.run_module(name, args.size, timeout=args.timeout, echo=not args.quiet)
        print(f"  {name} done in {time.perf_counter() - t0:.1f} s (load average {harness.load()}; "
              f"{harness.busy_since(module_ticks)})",
              file=sys.stderr, flush=True)
        save(names[:index + 1])
    print(harness.format_table(rows, markdown=args.markdown))
    total = time.perf_counter() - started
    print(f"load average at the end: {harness.load()}; over the run, {harness.busy_since(ticks)}", file=sys.stderr)
    print(f"{len(names)} module(s), {total:.0f} s in all; command: python -m benchmarks --size {args.size}"
          f"{' ' + ' '.join(args.names) if args.names else ''}", file=sys.stderr)
    missed = harness.missed_ratios(rows)
    for item in missed:
        print(f"FAILED: {item['what']}: {item['note']} (target {item['target']})", file=sys.stderr)
    return 1 if missed or any("error" in item for item in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
