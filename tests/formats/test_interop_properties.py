"""Property-based tests (hypothesis) for the interoperability formats: hostile input either imports
cleanly or fails with a clear message and changes nothing; export, import, export is the identity
for the formats we write (spaCy's DocBin: from the second round on, once spans sit on spaCy tokens)."""

from __future__ import annotations

import io
import json
import zipfile

from hypothesis import given, settings, strategies as st

from annotator.formats.exporting import ExportOptions, export_project
from annotator.formats.importing import import_files
from annotator.formats.registry import ImportOptions
from annotator.store import Project
from test_properties import SETTINGS, import_and_check, json_values, raw_bytes, texts, valid_documents

FEWER = settings(SETTINGS, max_examples=20)  # each example runs an import (or two exports): keep the suite short
ROUND_TRIPS = settings(SETTINGS, max_examples=12)

KEYS = ["text", "spans", "start", "end", "label", "labels", "answer", "_annotator_id", "data", "annotations",
        "result", "type", "value", "completed_by", "meta", "id"]


def hostile_json():
    return st.recursive(st.none() | st.booleans() | st.integers(-3, 300) | texts | st.sampled_from(
        ["labels", "relation", "accept", "reject", "ignore", "PER"]),
        lambda children: st.lists(children, max_size=4) | st.dictionaries(st.sampled_from(KEYS), children, max_size=6),
        max_leaves=16)


@FEWER
@given(lines=st.lists(st.one_of(hostile_json().map(json.dumps), json_values().map(json.dumps), texts), max_size=6))
def test_prodigy_arbitrary_lines(tmp_path, lines):
    import_and_check(tmp_path, "db.jsonl", "\n".join(lines), fmt="prodigy", add_labels=True, coder="c")


@FEWER
@given(data=st.one_of(hostile_json(), st.lists(hostile_json(), max_size=4)))
def test_labelstudio_arbitrary_json(tmp_path, data):
    import_and_check(tmp_path, "ls.json", json.dumps(data), fmt="labelstudio", add_labels=True, coder="c")


@FEWER
@given(data=st.one_of(raw_bytes, raw_bytes.map(lambda b: __import__("zlib").compress(b))))
def test_spacy_arbitrary_bytes(tmp_path, data):
    import_and_check(tmp_path, "x.spacy", data, fmt="spacy", add_labels=True, coder="c")


@FEWER
@given(data=raw_bytes)
def test_hf_arbitrary_bytes(tmp_path, data):
    import_and_check(tmp_path, "x.parquet", b"PAR1" + data, fmt="hf", add_labels=True, coder="c")


@FEWER
@given(qde=st.one_of(texts, st.builds(
    lambda sel, txt: ('<?xml version="1.0" encoding="utf-8"?><Project xmlns="urn:QDA-XML:project:1.0" name="x">'
                      '<CodeBook><Codes><Code guid="c" name="PER" isCodable="true"/></Codes></CodeBook><Sources>'
                      f'<TextSource guid="s" name="n"><PlainTextContent>{txt}</PlainTextContent>{sel}</TextSource>'
                      '</Sources></Project>'),
    st.lists(st.builds(lambda s, e, ref: f'<PlainTextSelection guid="g" startPosition="{s}" endPosition="{e}">'
                                         f'<Coding guid="h"><CodeRef targetGUID="{ref}"/></Coding></PlainTextSelection>',
                       st.integers(-2, 30), st.integers(-2, 30), st.sampled_from(["c", "zz"])), max_size=3).map("".join),
    st.text(alphabet="زار دمشق😀abc", max_size=25))))
def test_refi_arbitrary_projects(tmp_path, qde):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        zf.writestr("project.qde", qde)
    import_and_check(tmp_path, "p.qdpx", buffer.getvalue(), fmt="refi", add_labels=True, coder="c")


@FEWER
@given(body=st.one_of(texts, st.builds(
    lambda b, e, v, sofa: ('<?xml version="1.0"?><xmi:XMI xmlns:xmi="http://www.omg.org/XMI" '
                           'xmlns:cas="http:///uima/cas.ecore" '
                           'xmlns:type="http:///de/tudarmstadt/ukp/dkpro/core/api/ner/type.ecore" xmi:version="2.0">'
                           f'<cas:NULL xmi:id="0"/><type:NamedEntity xmi:id="2" sofa="1" begin="{b}" end="{e}" '
                           f'value="{v}"/><cas:Sofa xmi:id="1" sofaNum="1" sofaID="_InitialView" mimeType="text" '
                           f'sofaString="{sofa}"/><cas:View sofa="1" members="2"/></xmi:XMI>'),
    st.integers(-2, 20), st.integers(-2, 20), st.sampled_from(["PER", "", "LOC"]),
    st.text(alphabet="زار دمشق😀ab", max_size=15))))
def test_xmi_arbitrary_documents(tmp_path, body):
    import_and_check(tmp_path, "d.xmi", body, fmt="xmi", add_labels=True, coder="c")


def _rounds(tmp_path, docs, fmt, out_name, rounds):
    folder = tmp_path / f"rt{len(list(tmp_path.iterdir()))}"
    folder.mkdir()
    source, source_fmt = folder / "in.jsonl", "jsonl"
    source.write_text("\n".join(json.dumps(d, ensure_ascii=False) for d in docs), encoding="utf-8")
    exports = []
    for number in range(rounds):
        here = folder / f"r{number}"
        here.mkdir()
        Project.create(here / "p.annot", coder="c").close()  # one project name: the card and .qde name it
        with Project.open(here / "p.annot", backup=False) as project:
            import_files(project, [source], source_fmt, ImportOptions(status="done", add_labels=True))
            out = here / out_name
            export_project(project, out, fmt, ExportOptions(coder="c"))
        exports.append(b"".join(p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file())
                       if out.is_dir() else out.read_bytes())
        source, source_fmt = out, fmt
    return exports


@ROUND_TRIPS
@given(docs=st.lists(valid_documents(), min_size=1, max_size=4, unique_by=lambda d: d["text"]),
       fmt=st.sampled_from(["prodigy", "labelstudio", "refi", "hf", "xmi"]))
def test_export_import_export_is_identity(tmp_path, docs, fmt):
    out = {"prodigy": "o.jsonl", "labelstudio": "o.json", "refi": "o.qdpx", "hf": "o-hf", "xmi": "o-xmi"}[fmt]
    first, second = _rounds(tmp_path, docs, fmt, out, 2)
    assert first == second


@ROUND_TRIPS
@given(docs=st.lists(valid_documents(), min_size=1, max_size=3, unique_by=lambda d: d["text"]))
def test_spacy_round_trip_is_stable_once_aligned(tmp_path, docs):
    _first, second, third = _rounds(tmp_path, docs, "spacy", "o.spacy", 3)
    assert second == third
