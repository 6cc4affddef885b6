"""The suggestions layer as JSONL (``annotator export PROJECT --suggestions -o FILE``).

One line per document that has suggestions: ``{"id", "title", "text", "suggestions": [{"start",
"end", "label", "text", "score", "source", "value", "rejected_by"}]}`` (``value``: a figure's
low/high/unit/approx or null; ``rejected_by``: the coders who said no). Offsets are code points,
end exclusive, as in every export. The file appears only when the export succeeded.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from annotator.core.errors import InputError


def write_suggestions(project, output: str | os.PathLike, *, min_score: float = 0.0) -> tuple[int, int]:
    """Write every suggestion (scoring at least ``min_score``); returns (documents, suggestions)."""
    out = Path(output)
    if out.exists() and out.is_dir():
        raise InputError(f"{out}: is a folder; give a file name for the suggestions")
    labels = {label.id: label.name for label in project.labels()}
    infos = {d.id: d for d in project.documents()}
    tmp = out.with_name(f".{out.name}.writing")
    docs = count = 0
    current, items = None, []
    try:
        with open(tmp, "w", encoding="utf-8", newline="\n") as fh:
            def flush():
                nonlocal docs
                if current is None or not items:
                    return
                doc = project.document(current)
                for item in items:
                    item["text"] = doc.text[item["start"]:item["end"]]
                record = {"id": infos[current].external_id or str(current), "title": infos[current].title,
                          "text": doc.text, "suggestions": items}
                fh.write(json.dumps(record, ensure_ascii=False) + "\n")
                docs += 1

            for s, rejected_by in project.iter_suggestions():
                if s.score < min_score:
                    continue
                if s.document_id != current:
                    flush()
                    current, items = s.document_id, []
                items.append({"start": s.start, "end": s.end, "label": labels[s.label_id], "text": None,
                              "score": s.score, "source": s.source, "value": s.value, "rejected_by": rejected_by})
                count += 1
            flush()
        os.replace(tmp, out)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise InputError(f"{out}: cannot write ({exc.strerror or exc})") from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return docs, count
