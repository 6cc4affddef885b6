"""The agreement report with bootstrap intervals (``--ci 95``, 1,000 resamples of the documents) against
the same report without them, in one run, on the project of ``bench_agreement`` (``large``: 1,000
documents x 3 coders, about 48 spans per coder and document). Target: the whole report with
``--ci 95`` under 30 s at ``large``.

"Report" = ``build_report`` (every coefficient, AC1 and gamma included) + the JSON text, from the
already-read project (``collect`` is timed by ``bench_agreement``).

``python -m benchmarks.bench_agreement_ci --size large``
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from annotator.agreement.report import build_report, collect
from annotator.agreement.report.formats import to_json
from annotator.store import Project
from benchmarks import harness
from benchmarks.bench_agreement import SIZES, make_project

TARGET_MS = 30_000
RESAMPLES = 1000


def _timed(fn) -> tuple[float, float, object]:
    wall, cpu = time.perf_counter(), time.process_time()
    result = fn()
    return (time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000, result


def run(size: str = "small") -> list[dict]:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "agreement.annot"
        make_project(path, size)
        with Project.open(path, readonly=True) as project:
            read_ms, _cpu, data = _timed(lambda: collect(project))
        plain_ms, plain_cpu, _ = _timed(lambda: to_json(build_report(data, "char")))
        ci_ms, ci_cpu, report = _timed(lambda: to_json(build_report(data, "char", ci=95, resamples=RESAMPLES, seed=0)))
    n_docs = SIZES[size][0]
    return [
        harness.timing_row("agreement report without --ci (build + JSON, AC1 and gamma included)", size, [plain_ms],
                           note=f"{n_docs} documents, 3 coders; CPU {plain_cpu / 1000:.1f} s; reading took "
                                f"{read_ms / 1000:.1f} s (not included)"),
        harness.timing_row(f"agreement report with --ci 95 ({RESAMPLES} resamples of the documents)", size, [ci_ms],
                           under_ms=TARGET_MS if size == "large" else None,
                           target=None if size == "large" else f"< {TARGET_MS / 1000:g} s at large",
                           note=f"CPU {ci_cpu / 1000:.1f} s; the intervals add {(ci_ms - plain_ms) / 1000:.1f} s wall "
                                f"to the same report"),
    ]


if __name__ == "__main__":
    raise SystemExit(harness.main(run))
