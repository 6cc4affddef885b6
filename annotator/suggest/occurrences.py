"""Every occurrence: from spans a coder made, propose the other places the same text appears.

Matching is :mod:`annotator.core.arabic`'s folding (harakat, shadda, sukun and tatweel ignored;
أ إ آ ٱ -> ا, ى -> ي, ؤ -> و, ئ -> ي), on whole tokens only: ``بغداد`` never matches inside
``بغدادي``. With proclitics on (the default) a token may carry in front of the seed the
proclitics that :func:`annotator.core.tokens.proclitic_split` finds (the rule the annotation
window's clitic key uses): و ف (and), then ب ل ك (prepositions) or س (the future, before ي ت ن أ),
then ال (the article): ``وبغداد``, ``فالعراق``, ``للعراق`` (ل + ال written لل), ``سيقول``. The seed must
begin where that rule says a proclitic ends, so a token too short to hold one (``ولد``) or whose
ال belongs to the word (``الذي``) is not taken apart.

**The clitic rule** (option ``clitic_rule``): ``"stem"`` (the default) proposes the seed's letters
without the proclitics (``و[بغداد]``); ``"token"`` proposes the whole token (``[وبغداد]``). For the
contracted لل (``للعراق`` from the seed ``العراق``) the seed's letters are not all in the token
(its alef is gone), so both rules propose the whole token.

**Scores**: 1.0 the same characters as a seed; 0.9 the same after folding (other harakat or
hamza forms); 0.8 with proclitics in front. Multiplied by the share of that label among the
seeds of that text (a text the coder labelled PERS twice and ORG once: PERS at 2/3 of the score).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from typing import Iterator

from annotator.core.arabic import FoldOptions, fold
from annotator.core.tokens import proclitic_bounds, proclitic_split
from annotator.suggest.base import Request, Seed, Suggestion
from annotator.suggest.registry import source

FOLD = FoldOptions(hamza_seats=True)
EXACT, FOLDED, CLITIC = 1.0, 0.9, 0.8
MIN_LENGTH = 2  # folded letters: a one-letter seed would match every such token


class Occurrences:
    name = "occurrences"
    wants_seeds = True  # the runner passes the coder's spans as seeds

    def suggest(self, request: Request) -> Iterator[Suggestion]:
        clitics = bool(request.options.get("clitics", True))
        rule = request.options.get("clitic_rule", "stem")
        if rule not in ("stem", "token"):
            raise ValueError(f"unknown clitic rule {rule!r} (expected stem or token)")
        table = _seed_table(request.seeds, set(request.labels) if request.labels else None)
        if not table:
            return
        patterns = _patterns(list(table), clitics)
        for doc_id, text in request.documents:
            yield from _in_document(doc_id, text, table, patterns, rule)


@source("occurrences", "the other occurrences of the texts a coder labelled (Arabic-insensitive, with proclitics)")
def _factory(argument: str | None) -> Occurrences:
    return Occurrences()


class _Needle:
    __slots__ = ("surfaces", "labels")

    def __init__(self) -> None:
        self.surfaces: set[str] = set()
        self.labels: Counter[str] = Counter()


def _seed_table(seeds, labels) -> dict[str, _Needle]:
    table: dict[str, _Needle] = defaultdict(_Needle)
    for seed in seeds:
        if labels is not None and seed.label not in labels:
            continue
        surface = unicodedata.normalize("NFC", seed.text.strip())
        needle = fold(surface, FOLD)[0]
        needle = " ".join(needle.split())
        if len(needle.replace(" ", "")) < MIN_LENGTH:
            continue
        entry = table[needle]
        entry.surfaces.add(surface)
        entry.labels[seed.label] += 1
    return dict(table)


def _patterns(needles: list[str], clitics: bool) -> list[tuple[re.Pattern, bool]]:
    """(pattern, contracted) pairs: a seed's folded letters ending a token. With clitics the seed
    may begin inside the token (whether what is before it is proclitics is ``_clitics``'s to say);
    ``contracted``: the seeds with ال after a ل, written لل (``للعراق``), matched from the second ل."""
    alternation = "|".join(re.escape(n) for n in sorted(needles, key=len, reverse=True))
    out = [(re.compile(("" if clitics else r"(?<!\w)") + rf"(?:{alternation})(?!\w)"), False)]
    articled = [n[2:] for n in needles if n.startswith("ال") and len(n) > 2]
    if clitics and articled:
        rest = "|".join(re.escape(n) for n in sorted(articled, key=len, reverse=True))
        out.append((re.compile(rf"(?<=ل)ل(?:{rest})(?!\w)"), True))
    return out


_WORD = re.compile(r"\w")


def _token_start(folded: str, at: int) -> int:
    while at > 0 and _WORD.match(folded, at - 1):
        at -= 1
    return at


def _clitics(text: str, folded: str, origin: list[int], token: int, stem: int, contracted: bool) -> bool:
    """Whether the folded ``folded[token:stem]`` in front of a seed is proclitics by the core rule,
    the seed beginning where one of them ends (after a particle or after the article)."""
    end = stem
    while end < len(folded) and _WORD.match(folded, end):
        end += 1
    o_start, o_end = origin[token], origin[end - 1] + 1
    while o_end < len(text) and (unicodedata.category(text[o_end]) == "Mn" or text[o_end] == "\u0640"):
        o_end += 1
    at = origin[stem]
    if contracted:  # ل + ال: the seed's ال is the token's second ل
        particles, article = proclitic_split(text, o_start, o_end)
        return at == particles and article > particles
    return at in proclitic_bounds(text, o_start, o_end)


def _in_document(doc_id, text, table, patterns, rule) -> Iterator[Suggestion]:
    folded, origin = fold(text, FOLD)
    found: dict[tuple[int, int], tuple[float, str, str]] = {}
    for pattern, contracted in patterns:
        m = pattern.search(folded)
        while m is not None:  # every start, overlapping: the seed may begin at any letter of a token
            needle = "ال" + m.group()[1:] if contracted else m.group()
            entry = table.get(needle)
            token = _token_start(folded, m.start())
            has_clitic = token < m.start()
            if entry is not None and (not has_clitic or _clitics(text, folded, origin, token, m.start(), contracted)):
                whole = rule == "token" or contracted
                start = origin[token if whole else m.start()]
                end = origin[m.end() - 1] + 1
                while end < len(text) and unicodedata.category(text[end]) == "Mn":
                    end += 1
                if has_clitic:
                    score = CLITIC
                else:
                    score = EXACT if text[start:end] in entry.surfaces else FOLDED
                total = sum(entry.labels.values())
                for label, count in entry.labels.items():
                    s = round(score * count / total, 4)
                    key = (start, end)
                    if key not in found or found[key][0] < s:
                        found[key] = (s, label, needle)
            m = pattern.search(folded, m.start() + 1)
    # A match inside a longer match of the same label (أحمد inside أحمد حسن) is left out.
    spans = sorted(found.items(), key=lambda kv: (kv[0][0], -kv[0][1]))
    kept: list[tuple[int, int, float, str]] = []
    for (start, end), (score, label, _) in spans:
        if any(s <= start and end <= e and lab == label for s, e, _, lab in kept):
            continue
        kept.append((start, end, score, label))
    for start, end, score, label in kept:
        yield Suggestion(doc_id, start, end, label, score, "occurrences")


def seeds_from_spans(text: str, spans) -> list[Seed]:
    """Seeds from ``(start, end, label)`` spans of one document."""
    return [Seed(text[start:end], label) for start, end, label in spans if end > start]
