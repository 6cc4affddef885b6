"""The agreement report with bootstrap intervals (``--ci 95``, 1,000 resamples of the documents), as a
user runs it (``annotator agreement PROJECT --ci 95 -o report.json`` in a child process), next to
floors measured in the same run on the same file: the same report without ``--ci`` and the numpy
char-level kappa floor (``floors.kappa``). The project is ``bench_agreement``'s own (``large``: 1,000
documents x 12,000 characters, 3 coders, about 49 spans per coder and document), issue 18's size.

Targets (issue 18): the whole report with ``--ci 95`` under 30 s wall at ``large``, and, since the
machine is shared and wall time is noisy, the intervals may add at most half of the plain report's
CPU (``--ci 95`` CPU <= 1.5x the report without it). The same with ``--gamma`` (gamma and its
interval too) is shown without a target.

``python -m benchmarks.bench_agreement_ci --size large``
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

from benchmarks import floors, generate, harness
from benchmarks.bench_agreement import SIZES, make_project

TARGET_S = 30.0
MAX_RATIO = 1.5
RESAMPLES = 1000
REPO = Path(__file__).resolve().parents[1]


def _report(project: Path, out: Path, *extra: str) -> floors.Measured:
    done = floors.child([sys.executable, "-m", "annotator", "agreement", str(project), "-o", str(out), *extra],
                        cwd=REPO, env=generate.app_env())
    if done.code != 0:
        raise RuntimeError(f"annotator agreement {' '.join(extra)} failed: {done.output[-500:]}")
    return done


def run(size: str = "small") -> list[dict]:
    large = size == "large"
    n_docs, length = SIZES[size]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "agreement.annot"
        make_project(path, size)
        out = Path(tmp) / "report.json"
        floor = floors.floor("kappa", path)
        if floor.code != 0:
            raise RuntimeError(f"kappa floor failed: {floor.output[-500:]}")
        plain = _report(path, out)
        ci = _report(path, out, "--ci", "95", "--resamples", str(RESAMPLES), "--seed", "0")
        report = json.loads(out.read_text(encoding="utf-8"))
        assert report["confidence"]["resamples"] == RESAMPLES and "ci" in report["unitizing_alpha"]
        both = _report(path, out, "--ci", "95", "--resamples", str(RESAMPLES), "--gamma")
    what = f"{n_docs:,} documents x {length:,} characters, 3 coders"
    rows = [
        harness.ratio_row("agreement report without --ci (CLI, CPU)", size, plain.cpu_s, floor.cpu_s, max_ratio=None,
                          floor="numpy char-level kappa", peak_mb=plain.peak_mb, wall_s=plain.wall_s, note=what),
        harness.ratio_row(f"agreement report with --ci 95, {RESAMPLES} resamples of the documents (CLI, CPU)", size,
                          ci.cpu_s, plain.cpu_s, max_ratio=MAX_RATIO if large else None,
                          floor="the same report without --ci", peak_mb=ci.peak_mb, wall_s=ci.wall_s,
                          note=f"{ci.cpu_s / floor.cpu_s:.2f}x the kappa floor ({floor.cpu_s:.2f} CPU-s); "
                               f"load {harness.load()}"),
        harness.timing_row("the same, wall clock", size, [ci.wall_s * 1000.0],
                           under_ms=TARGET_S * 1000 if large else None,
                           target=None if large else f"< {TARGET_S:g} s at large", note=what),
        harness.ratio_row("agreement report with --ci 95 --gamma (CLI, CPU)", size, both.cpu_s, plain.cpu_s,
                          max_ratio=None, floor="the report without --ci", peak_mb=both.peak_mb, wall_s=both.wall_s,
                          note="gamma: an exact alignment and 30 sampled ones per document"),
    ]
    return rows


if __name__ == "__main__":
    raise SystemExit(harness.main(run))
