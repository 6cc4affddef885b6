"""The benchmarks package lives at the repository root and is not installed: make it importable,
and keep every generated project in a temporary cache (never in the repository's benchmarks/.cache)."""

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


@pytest.fixture(scope="session")
def bench_cache(tmp_path_factory):
    folder = tmp_path_factory.mktemp("bench-cache")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("ANNOTATOR_BENCH_CACHE", str(folder))
        yield folder


@pytest.fixture
def demo_only(tmp_path, monkeypatch):
    """As in a user's clone: no shared corpus, a fresh cache."""
    monkeypatch.setenv("ANNOTATOR_CORPUS", str(tmp_path / "no-shared-corpus-here"))
    monkeypatch.setenv("ANNOTATOR_BENCH_CACHE", str(tmp_path / "cache"))
    return tmp_path
