"""Suggestions in the annotation window: ghost spans, keys to accept and reject, the Suggest menu."""
