"""Python's cyclic garbage collector paused while a bulk job runs (imports, exports).

A job over a million spans makes millions of short-lived objects (a dict per span from
``json.loads``, a record and a row tuple per span) and keeps a batch of them alive, so the
collector kept running full passes over everything the process holds. Measured on the large
benchmark (10,000 documents, 1,000,000 spans): a sixth of the JSONL import's CPU and nearly a
third of the JSONL export's. Those objects hold no reference cycles: reference counting frees
them as before, and memory stays bounded by the batch; anything cyclic another thread makes in
the meantime is collected once the collector is back on.
"""

from __future__ import annotations

import gc
import threading
from contextlib import contextmanager
from typing import Iterator

_lock = threading.Lock()
_depth = 0
_was_enabled = True


@contextmanager
def collector_paused() -> Iterator[None]:
    """The collector off inside, its previous state back after, however the block ends (nested
    and concurrent uses count: the last one out restores it)."""
    global _depth, _was_enabled
    with _lock:
        if _depth == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0 and _was_enabled:
                gc.enable()
