"""Property-based tests (hypothesis) for every importer: arbitrary input either imports cleanly or
fails with a clear message, never a crash and never a partial import; and export, import, export
is the identity for JSONL and doccano."""

import json
import sqlite3
import string

from hypothesis import HealthCheck, given, settings, strategies as st

from annotator.core.errors import AnnotatorError
from annotator.formats.exporting import ExportOptions, export_project
from annotator.formats.importing import import_files
from annotator.formats.registry import ImportOptions
from annotator.store import Project

SETTINGS = settings(max_examples=40, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])

ARABIC = "ابتثجحخدذرزسشصضطظعغفقكلمنهويءآأإؤئىة" + "\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0640"
ALPHABET = ARABIC + string.ascii_letters + string.digits + " \t\n\r\u00a0,.;:\"'[]{}()<>-_/\\#|\u200f😀\u2028"
texts = st.text(alphabet=ALPHABET, max_size=300)
raw_bytes = st.binary(max_size=400)


def counts(path):
    con = sqlite3.connect(path)
    try:
        return tuple(con.execute(f"select count(*) from {t}").fetchone()[0]
                     for t in ("documents", "spans", "labels", "coders", "doc_status"))
    finally:
        con.close()


def import_and_check(tmp_path, name, payload, fmt="auto", **option_kw):
    folder = tmp_path / f"case{len(list(tmp_path.iterdir()))}"
    folder.mkdir()
    project_path = folder / "p.annot"
    Project.create(project_path, coder="c").close()
    source = folder / name
    source.write_bytes(payload if isinstance(payload, bytes) else payload.encode("utf-8"))
    before = counts(project_path)
    with Project.open(project_path, backup=False) as project:
        try:
            import_files(project, [source], fmt, ImportOptions(**option_kw))
        except AnnotatorError as exc:
            assert str(exc).strip(), "an error must say what is wrong"
            failed = True
        else:
            failed = False
    after = counts(project_path)
    if failed:
        assert after == before, "a failed import must change nothing"
    return failed, project_path


@SETTINGS
@given(data=st.one_of(raw_bytes, texts.map(lambda t: t.encode("utf-8"))))
def test_txt_any_bytes(tmp_path, data):
    import_and_check(tmp_path, "doc.txt", data)


def json_values():
    return st.recursive(st.none() | st.booleans() | st.integers(-5, 400) | st.floats(allow_nan=False) | texts,
                        lambda children: st.lists(children, max_size=4) | st.dictionaries(
                            st.sampled_from(["text", "spans", "label", "start", "end", "id", "meta", "coder", "x"]),
                            children, max_size=5), max_leaves=12)


@SETTINGS
@given(lines=st.lists(st.one_of(json_values().map(json.dumps), texts), max_size=6))
def test_jsonl_arbitrary_lines(tmp_path, lines):
    import_and_check(tmp_path, "data.jsonl", "\n".join(lines), add_labels=True)


@st.composite
def span_records(draw):
    text = draw(st.text(alphabet=ARABIC + " F-35", min_size=1, max_size=120))
    spans = []
    for _ in range(draw(st.integers(0, 5))):
        start = draw(st.integers(-2, len(text) + 2))
        end = draw(st.integers(-2, len(text) + 2))
        spans.append({"start": start, "end": end, "label": draw(st.sampled_from(["entity", "claim", "figure", 7]))})
    return {"text": text, "spans": spans}


@SETTINGS
@given(records=st.lists(span_records(), max_size=5))
def test_jsonl_span_records_import_whole_or_not_at_all(tmp_path, records):
    payload = "\n".join(json.dumps(r, ensure_ascii=False) for r in records)
    failed, path = import_and_check(tmp_path, "spans.jsonl", payload)
    valid = all(0 <= s["start"] < s["end"] <= len(r["text"]) and isinstance(s["label"], str)
                for r in records for s in r["spans"])
    if not failed:
        assert valid
    elif valid:
        # a valid file may only fail for a reason a user can act on: none is expected here
        raise AssertionError("valid spans were refused")


@SETTINGS
@given(rows=st.lists(st.lists(texts, min_size=1, max_size=3), max_size=5),
       delimiter=st.sampled_from([",", "\t"]))
def test_csv_arbitrary_rows(tmp_path, rows, delimiter):
    import csv
    import io
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(["text", "source"])
    for row in rows:
        writer.writerow(row)
    import_and_check(tmp_path, "data.csv" if delimiter == "," else "data.tsv", buffer.getvalue())


@SETTINGS
@given(lines=st.lists(st.tuples(st.text(alphabet=ARABIC + "F-35.", min_size=0, max_size=8),
                                st.sampled_from(["O", "B-PER", "I-PER", "B-LOC", "I-LOC", "B-", "X", "I-ORG"])),
                      max_size=20),
       blanks=st.lists(st.integers(0, 20), max_size=3))
def test_conll_arbitrary_tokens(tmp_path, lines, blanks):
    rows = [f"{tok} {tag}" if tok else tag for tok, tag in lines]
    for at in sorted(blanks, reverse=True):
        rows.insert(min(at, len(rows)), "")
    import_and_check(tmp_path, "data.conll", "\n".join(rows), add_labels=True)


@SETTINGS
@given(text=texts, ann=st.lists(st.one_of(
    st.builds(lambda i, lab, s, e: f"T{i}\t{lab} {s} {e}\tx", st.integers(1, 9),
              st.sampled_from(["entity", "PER", "bad label"]), st.integers(-1, 40), st.integers(-1, 40)),
    texts), max_size=5))
def test_brat_arbitrary_standoff(tmp_path, text, ann):
    folder = tmp_path / f"brat{len(list(tmp_path.iterdir()))}"
    folder.mkdir()
    (folder / "doc.txt").write_text(text, encoding="utf-8", newline="")
    import_and_check(folder, "doc.ann", "\n".join(ann), add_labels=True)


@st.composite
def valid_documents(draw):
    text = draw(st.text(alphabet=ARABIC + " \u00a0F-35😀", min_size=1, max_size=80).filter(lambda t: t.strip()))
    spans = set()
    for _ in range(draw(st.integers(0, 6))):
        start = draw(st.integers(0, len(text) - 1))
        end = draw(st.integers(start + 1, len(text)))
        spans.add((start, end, draw(st.sampled_from(["entity", "claim", "figure"]))))
    return {"text": text, "spans": [{"start": s, "end": e, "label": lab} for s, e, lab in sorted(spans)]}


@SETTINGS
@given(docs=st.lists(valid_documents(), min_size=1, max_size=5, unique_by=lambda d: d["text"]),
       fmt=st.sampled_from(["jsonl", "doccano"]))
def test_export_import_export_is_identity(tmp_path, docs, fmt):
    folder = tmp_path / f"rt{len(list(tmp_path.iterdir()))}"
    folder.mkdir()
    source = folder / "in.jsonl"
    source.write_text("\n".join(json.dumps(d, ensure_ascii=False) for d in docs), encoding="utf-8")
    exports = []
    for round_ in range(2):
        path = folder / f"p{round_}.annot"
        Project.create(path, coder="c").close()
        with Project.open(path, backup=False) as project:
            import_files(project, [source], "jsonl" if round_ == 0 or fmt == "jsonl" else "doccano",
                         ImportOptions(coder="c", status="done"))
            out = folder / f"out{round_}.jsonl"
            export_project(project, out, fmt, ExportOptions(coder="c"))
        exports.append(out.read_bytes())
        source = out
    assert exports[0] == exports[1]
