"""Pure-Python domain: documents, spans, labels, offsets and Arabic text utilities.

Nothing in this package imports Qt, SQL or any other part of the application.
"""

from annotator.core.errors import AnnotatorError, InputError, ProjectError
from annotator.core.model import (
    DEFAULT_LABELS,
    Coder,
    DocStatus,
    Document,
    DocumentInfo,
    Label,
    LabelSchema,
    Span,
)

__all__ = [
    "AnnotatorError",
    "InputError",
    "ProjectError",
    "DEFAULT_LABELS",
    "Coder",
    "DocStatus",
    "Document",
    "DocumentInfo",
    "Label",
    "LabelSchema",
    "Span",
]
