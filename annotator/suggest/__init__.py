"""Suggestions: sources that propose spans for a coder to accept or reject.

Qt-free and SQL-free: this package imports only ``annotator.core``. One module per source,
registered in :mod:`annotator.suggest.registry`; the store keeps what they propose in its own layer.
"""

from annotator.suggest.base import Request, Seed, Source, Suggestion, drop_known
from annotator.suggest.registry import known_specs, make_source, source

__all__ = ["Request", "Seed", "Source", "Suggestion", "drop_known", "known_specs", "make_source", "source"]
