"""The Arabic text the generated projects are made of.

Source: the shared corpora (``../shared/corpus`` beside the repository, or ``$ANNOTATOR_CORPUS``):
the sentences of AQMAR (``aqmar/aqmar.spans.jsonl``, 28 Wikipedia articles, with their gold
PER/LOC/ORG/MIS spans; ``aqmar/articles/*.txt`` hold the same text token per line, so they add
nothing), ANERCorp (``anercorp_camellab/ANERCorp_CamelLab_test.spans.jsonl``, 925 newswire sentences
with gold spans) and the reference news article (``news_article/*.txt``, no spans). When the shared
corpus is absent (a user's clone, CI), the bundled demo texts (``resources/demo``, openly
licensed, no spans) are used instead, and the result says so.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from pathlib import Path

from annotator.paths import resource_path

REPO = Path(__file__).resolve().parents[1]
DEMO_DIR = resource_path("demo")
AQMAR = "aqmar/aqmar.spans.jsonl"
ANERCORP = "anercorp_camellab/ANERCorp_CamelLab_test.spans.jsonl"
NEWS = "news_article"

# The corpora's tags, folded into the four labels of the generated projects.
LABELS = ("PER", "LOC", "ORG", "MISC")
_TAGS = {"PER": "PER", "PERS": "PER", "LOC": "LOC", "ORG": "ORG", "-ORG": "ORG"}

_SENTENCE_END = re.compile(r"(?<=[.!?؟])\s+")


@dataclass(frozen=True)
class Unit:
    """A sentence or paragraph with its gold spans ``(start, end, label)``."""
    text: str
    spans: tuple[tuple[int, int, str], ...] = ()


@dataclass(frozen=True)
class Corpus:
    source: str                   # "shared" or "demo": part of the cache key
    description: str              # said in the results and docs
    streams: tuple[tuple[Unit, ...], ...]  # each: one source document's units, in order

    @property
    def characters(self) -> int:
        return sum(len(u.text) for stream in self.streams for u in stream)


def corpus_dir() -> Path:
    """Where the shared corpus is: ``$ANNOTATOR_CORPUS`` or ``<repo>/../shared/corpus``."""
    env = os.environ.get("ANNOTATOR_CORPUS")
    return Path(env) if env else REPO.parent / "shared" / "corpus"


def shared_available(folder: Path | None = None) -> bool:
    folder = folder or corpus_dir()
    return (folder / AQMAR).is_file() and (folder / ANERCORP).is_file()


def load(prefer_shared: bool = True) -> Corpus:
    folder = corpus_dir()
    if prefer_shared and shared_available(folder):
        return _load_shared(folder)
    return _load_demo()


def _label(tag: str) -> str:
    return _TAGS.get(tag.strip().upper(), "MISC")


def _jsonl_streams(path: Path, key: str | None) -> list[tuple[Unit, ...]]:
    groups: dict[str, list[Unit]] = {}
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            record = json.loads(line)
            text = record["text"]
            spans = tuple((s["start"], s["end"], _label(s["label"])) for s in record.get("spans", ())
                          if 0 <= s["start"] < s["end"] <= len(text))
            groups.setdefault(record.get(key, "") if key else "", []).append(Unit(text, spans))
    return [tuple(units) for units in groups.values()]


def _paragraph_units(text: str) -> tuple[Unit, ...]:
    units = []
    for paragraph in text.replace("\r\n", "\n").split("\n"):
        units += [Unit(s.strip()) for s in _SENTENCE_END.split(paragraph) if s.strip()]
    return tuple(units)


def _load_shared(folder: Path) -> Corpus:
    streams = _jsonl_streams(folder / AQMAR, "doc")
    anercorp = _jsonl_streams(folder / ANERCORP, None)[0]
    # ANERCorp is one long run of newswire sentences: cut it into article-sized streams.
    streams += [anercorp[i:i + 40] for i in range(0, len(anercorp), 40)]
    for path in sorted((folder / NEWS).glob("*.txt")):
        streams.append(_paragraph_units(path.read_text(encoding="utf-8")))
    return Corpus("shared", f"shared corpus at {folder}: AQMAR sentences (gold spans), ANERCorp test "
                  "sentences (gold spans), the reference news article", tuple(s for s in streams if s))


def _load_demo() -> Corpus:
    streams = [_paragraph_units(p.read_text(encoding="utf-8")) for p in sorted(DEMO_DIR.glob("*.txt"))]
    return Corpus("demo", f"bundled demo texts ({DEMO_DIR.relative_to(REPO)}; the shared corpus was not "
                  f"found at {corpus_dir()})", tuple(s for s in streams if s))
