"""Import progress counts documents, not files: a JSONL of many documents is one file, and its bar
must move per document (issue 21)."""

from __future__ import annotations

import json

from annotator.formats.importing import estimate_documents, import_files
from annotator.formats.registry import ImportOptions


def _jsonl(path, count: int, blank_every: int = 0) -> None:
    with open(path, "w", encoding="utf-8") as out:
        for n in range(count):
            out.write(json.dumps({"id": f"d{n}", "text": f"نص رقم {n} في الملف",
                                  "spans": [{"start": 0, "end": 2, "label": "LOC"}]}, ensure_ascii=False) + "\n")
            if blank_every and n % blank_every == 0:
                out.write("\n")


def test_a_jsonl_of_many_documents_moves_the_bar_per_document(make_project, tmp_path):
    project = make_project(labels=["LOC"])
    source = tmp_path / "many.jsonl"
    _jsonl(source, 450)
    seen: list[tuple[int, int]] = []
    report = import_files(project, [source], "auto", ImportOptions(), progress=lambda d, t: seen.append((d, t)))
    assert report.documents == 450
    done = [d for d, _t in seen]
    assert done[:449] == list(range(1, 450))  # one step per document, not one per file
    assert done[449] == 449  # the last document counts once its batch is in the transaction
    assert {t for _d, t in seen} == {450}  # the lines were counted before the first document
    assert seen[-1] == (450, 450)


def test_the_total_follows_the_real_count_across_files(make_project, tmp_path):
    project = make_project(labels=["LOC"])
    first, second = tmp_path / "a.jsonl", tmp_path / "b.txt"
    _jsonl(first, 30, blank_every=10)  # 33 lines, 30 documents
    second.write_text("نص آخر", encoding="utf-8")
    assert estimate_documents(first, "jsonl") == 33
    assert estimate_documents(second, "txt") == 1
    seen: list[tuple[int, int]] = []
    import_files(project, [first, second], "auto", ImportOptions(), progress=lambda d, t: seen.append((d, t)))
    assert all(d <= t for d, t in seen)
    assert [d for d, _t in seen] == sorted(d for d, _t in seen)  # never goes back
    assert seen[-1] == (31, 31)  # at the end: the documents really read


def test_a_csv_does_not_count_its_header(tmp_path):
    table = tmp_path / "t.csv"
    table.write_text("text,id\nأ,1\nب,2", encoding="utf-8")  # no newline after the last row
    assert estimate_documents(table, "csv") == 2


def test_the_terminal_bar_redraws_in_place_and_ends_once(monkeypatch):
    """The bar goes to the terminal with real carriage returns (not shown as text by the stream
    that escapes control characters from files), and a repeated 100 % is not drawn twice."""
    import io
    import sys

    from annotator.cli.output import Progress, SanitizedStream

    class Terminal(io.StringIO):
        def isatty(self):
            return True

    screen = Terminal()
    monkeypatch.setattr(sys, "stderr", SanitizedStream(screen))
    bar = Progress("importing")
    for done in range(1, 10_000):
        bar(done, 10_000)
    bar(10_000, 10_000)
    bar(10_000, 10_000)
    text = screen.getvalue()
    assert "\\x0d" not in text and text.startswith("\rimporting [")
    assert text.count("10000/10000") == 1 and text.endswith("] 10000/10000\n")
    assert text.count("\r") < 50  # redrawn at most ten times a second, not per document
