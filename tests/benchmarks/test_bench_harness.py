"""The harness: percentiles, row checks, failure isolation, the one-table command line."""

import json
import subprocess
import sys

import numpy as np
import pytest

from benchmarks import harness


@pytest.mark.parametrize("q", [0, 50, 95, 99, 100])
def test_percentile_agrees_with_numpy(q):
    values = [float(v) for v in np.random.default_rng(3).exponential(2.0, size=1001)]
    assert harness.percentile(values, q) == pytest.approx(np.percentile(values, q))


def test_latency_row_checks_median_and_p99():
    fast = harness.latency_row("op", "small", [1.0] * 99 + [20.0], median_under=5, p99_under=16)
    assert fast["ok"] is True and fast["target"] == "median < 5 ms, p99 < 16 ms"
    slow_tail = harness.latency_row("op", "small", [1.0] * 90 + [20.0] * 10, median_under=5, p99_under=16)
    assert slow_tail["ok"] is False and slow_tail["p99_ms"] == pytest.approx(20.0)
    assert harness.check_row(fast) == [] and harness.check_row(slow_tail) == []


def test_check_row_names_what_is_wrong():
    good = harness.row("x", "small", median_ms=1.0)
    assert harness.check_row(good) == []
    assert "missing key 'p99_ms'" in harness.check_row({k: v for k, v in good.items() if k != "p99_ms"})
    assert any("size" in p for p in harness.check_row(good | {"size": "huge"}))
    assert any("target" in p for p in harness.check_row(good | {"ok": True}))
    assert any("time" in p for p in harness.check_row(good | {"median_ms": None}))


def test_a_failing_module_becomes_an_error_row():
    rows = harness.run_module("bench_does_not_exist", "small", timeout=60)
    assert len(rows) == 1 and "error" in rows[0] and rows[0]["ok"] is False
    assert "No module named" in rows[0]["error"]
    malformed = harness.validated("bench_x", "small", [{"what": "x"}])
    assert "error" in malformed[0] and "missing key" in malformed[0]["error"]
    assert "error" in harness.validated("bench_x", "small", [])[0]


def test_table_marks_missed_targets_and_errors():
    rows = [harness.latency_row("add", "large", [9.0, 9.5, 10.0], median_under=5),
            harness.timing_row("open", "large", [450.0], under_ms=1000),
            harness.error_row("bench_y", "large", "boom")]
    table = harness.format_table(rows)
    lines = table.splitlines()
    assert "MISSED" in lines[2] and "OK" in lines[3] and "ERROR" in lines[4] and "boom" in lines[4]
    assert "< 1 s" in lines[3] and "450 ms" in lines[3]
    markdown = harness.format_table(rows, markdown=True)
    assert markdown.splitlines()[1].startswith("|---")


def test_command_line_prints_one_table_and_saves_it(tmp_path, bench_cache):
    saved = tmp_path / "run.json"
    done = subprocess.run([sys.executable, "-m", "benchmarks", "--size", "small", "--quiet", "--save", str(saved),
                           "open"], cwd=harness.HERE.parent, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "project open + document list" in done.stdout and "OK" in done.stdout
    data = json.loads(saved.read_text(encoding="utf-8"))
    assert data["machine"]["cores"] >= 1 and data["rows"]
    unknown = subprocess.run([sys.executable, "-m", "benchmarks", "nonsense"], cwd=harness.HERE.parent,
                             capture_output=True, text=True, timeout=60)
    assert unknown.returncode == 2 and "no benchmark module 'nonsense'" in unknown.stderr


def test_a_share_or_a_ratio_is_a_value_with_its_unit():
    share = harness.row("clicks on the cluster", "small", n=300, value=99.7, unit="%", target=">= 99.5 %", ok=True)
    assert harness.check_row(share) == []
    assert "99.70 %" in harness.format_table([share])
    assert any("value" in p for p in harness.check_row(share | {"value": "a lot"}))


def test_ratio_rows_say_the_ratio_and_a_missed_ratio_fails_the_run(monkeypatch, capsys):
    fine = harness.ratio_row("report", "large", 3.0, 2.0, max_ratio=2.0, floor="kappa", peak_mb=300,
                             peak_under_mb=500)
    slow = harness.ratio_row("merge", "large", 7.0, 2.0, max_ratio=3.0, floor="attach")
    heavy = harness.ratio_row("report", "large", 1.0, 2.0, max_ratio=2.0, floor="kappa", peak_mb=600,
                              peak_under_mb=500)
    untargeted = harness.ratio_row("again", "small", 9.0, 1.0, max_ratio=None, floor="attach")
    assert fine["ok"] is True and fine["ratio"] == 1.5 and "1.50x the floor (kappa: 2.00 CPU-s)" in fine["note"]
    assert fine["target"] == "CPU <= 2x floor, < 500 MB" and harness.check_row(fine) == []
    assert slow["ok"] is False and heavy["ok"] is False and untargeted["ok"] is None
    assert harness.missed_ratios([fine, slow, heavy, untargeted]) == [slow, heavy]

    from benchmarks import __main__ as cli
    monkeypatch.setattr(harness, "discover", lambda: ["bench_a"])
    monkeypatch.setattr(harness, "run_module", lambda name, size, **kw: [fine])
    assert cli.main(["--quiet", "a"]) == 0
    monkeypatch.setattr(harness, "run_module", lambda name, size, **kw: [fine, slow])
    assert cli.main(["--quiet", "a"]) == 1
    err = capsys.readouterr().err
    assert "FAILED: merge: 3.50x the floor" in err and "load average" in err


def test_every_kind_of_ratio_target_fails_the_run_when_missed():
    shared = harness.row("with / without suggestions", "large", value=1.7, unit="x", target="< 1.5", ok=False)
    shared_ok = harness.row("with / without suggestions", "large", value=1.2, unit="x", target="< 1.5", ok=True)
    plain = harness.row("open / 1 MB open", "large", value=9.0, unit="x")  # a ratio shown, no target
    faster = harness.row("pygamma / ours", "large", median_ms=5.0, target="ratio >= 20", ok=False) | {
        "ratio": 12.0, "min_ratio": 20.0}
    absolute = harness.timing_row("import", "large", [40_000.0], under_ms=30_000)  # MISSED, not FAILED
    assert absolute["ok"] is False
    assert harness.missed_ratios([shared, shared_ok, plain, faster, absolute]) == [shared, faster]


def test_save_keeps_the_rows_of_every_module_done_so_far(monkeypatch, tmp_path):
    """A long run cut short (a deadline, a crash of the harness itself) keeps what it measured."""
    from benchmarks import __main__ as cli

    saved = tmp_path / "run.json"
    seen: list[dict] = []

    def fake(name, size, **kw):
        if saved.exists():
            seen.append(json.loads(saved.read_text(encoding="utf-8")))
        return [harness.timing_row(f"{name} figure", "small", [5.0])]

    monkeypatch.setattr(harness, "discover", lambda: ["bench_a", "bench_b"])
    monkeypatch.setattr(harness, "run_module", fake)
    assert cli.main(["--quiet", "--save", str(saved)]) == 0
    assert [s["done"] for s in seen] == [["bench_a"]] and seen[0]["complete"] is False
    assert [r["what"] for r in seen[0]["rows"]] == ["bench_a figure"]
    final = json.loads(saved.read_text(encoding="utf-8"))
    assert final["complete"] is True and [r["what"] for r in final["rows"]] == ["bench_a figure", "bench_b figure"]
    shown = subprocess.run([sys.executable, "-m", "benchmarks", "--table", str(saved), "--markdown"],
                           cwd=harness.HERE.parent, capture_output=True, text=True, timeout=60)
    assert shown.returncode == 0 and "| bench_b figure | small |" in shown.stdout


def test_the_cores_time_says_how_much_the_host_took(monkeypatch, tmp_path):
    """Between two readings of /proc/stat's first line: busy, idle and stolen shares of the ticks."""
    stat = tmp_path / "stat"
    real_path = harness.Path

    def fake_path(name, *rest):
        return stat if str(name) == "/proc/stat" else real_path(name, *rest)

    monkeypatch.setattr(harness, "Path", fake_path)
    stat.write_text("cpu  100 0 50 800 10 0 0 40 0 0\ncpu0 1 2 3\n")
    before = harness.cpu_ticks()
    assert before == (100, 0, 50, 800, 10, 0, 0, 40)
    stat.write_text("cpu  160 0 70 820 10 0 0 140 0 0\n")  # 80 busy, 20 idle, 100 stolen of 200
    assert harness.busy_since(before) == "cores' time: 40 % busy, 10 % idle, 50 % stolen by the host"
    assert harness.busy_since(None) == "cores' time unknown"
    stat.write_text("intr 5\n")
    assert harness.cpu_ticks() is None
