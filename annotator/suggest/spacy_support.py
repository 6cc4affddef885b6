"""spaCy, when installed (the ``suggest`` extra): one place that imports it and says how to get it."""

from __future__ import annotations

from annotator.core.errors import InputError

INSTALL = "pip install 'arabic-annotator[suggest]'"


def require_spacy():
    try:
        import spacy
    except ImportError:
        raise InputError(f"training and model suggestions need spaCy, which is not installed; install it with: {INSTALL}") from None
    return spacy
