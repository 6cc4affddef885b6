"""Every benchmark module runs at its smallest size and returns well-formed rows, so that the
benchmarks do not rot. (The figures themselves are not checked here: `make bench` reports them.)"""

import pytest

from benchmarks import harness

MODULES = harness.discover()


def test_the_harness_finds_the_benchmark_modules():
    assert {"bench_store", "bench_open", "bench_memory"} <= set(MODULES)


@pytest.mark.parametrize("name", MODULES)
def test_module_runs_at_small_size_with_well_formed_rows(name, bench_cache):
    rows = harness.run_module(name, "small", timeout=180)
    errors = [r for r in rows if "error" in r]
    assert not errors, errors[0]["error"]
    assert rows
    for item in rows:
        assert harness.check_row(item) == [], item
        assert item["size"] == "small"
        assert item["ok"] is None or item["target"], item
