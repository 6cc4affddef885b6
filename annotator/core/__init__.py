"""Pure-Python domain: documents, spans, labels, offsets and Arabic text utilities.

Nothing in this package imports Qt, SQL or any other part of the application.

The names below are loaded when first used (PEP 562): importing one small module of the package,
such as ``annotator.core.errors`` (what every command's error handling needs), does not load the
domain model, so ``annotator --help`` stays near the cost of starting Python.
"""

from __future__ import annotations

import importlib

_WHERE = {
    "AnnotatorError": "errors", "InputError": "errors", "ProjectError": "errors",
    "DEFAULT_LABELS": "model", "Coder": "model", "DocStatus": "model", "Document": "model",
    "DocumentInfo": "model", "Label": "model", "LabelSchema": "model", "Span": "model",
}

__all__ = list(_WHERE)


def __getattr__(name: str):
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"annotator.core.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_WHERE))
