"""Figures: numbers with their scale words, units and ranges, proposed as ``figure`` spans with
their values (the grammar of :mod:`annotator.core.figures`, docs/figures.md).

Scores: 0.9 when the value was read (low, high, unit, approx are in the suggestion's ``value``),
0.5 when the text is a figure whose value the grammar cannot tell (``آلاف``, ``عشرات``, ``3,5``).
The label is ``figure`` unless the option ``figure_label`` names another; a project without that
label gets no figure suggestions.
"""

from __future__ import annotations

from typing import Iterator

from annotator.core.figures import find_figures
from annotator.suggest.base import Request, Suggestion
from annotator.suggest.registry import source

VALUED, UNVALUED = 0.9, 0.5


class Figures:
    name = "figures"

    def suggest(self, request: Request) -> Iterator[Suggestion]:
        label = request.options.get("figure_label", "figure")
        if request.labels and label not in request.labels:
            return
        for doc_id, text in request.documents:
            for fig in find_figures(text):
                value = fig.value.as_dict() if fig.value is not None else None
                yield Suggestion(doc_id, fig.start, fig.end, label, VALUED if value else UNVALUED, self.name, value)


@source("figures", "numbers with their scale words, units and ranges, with their values (docs/figures.md)")
def _factory(argument: str | None) -> Figures:
    return Figures()
