"""REFI-QDA .qdpx: project.qde validates against REFI's own schema (the consumer's contract),
positions count code points (an Arabic text with an emoji), the round trip keeps every byte."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from lxml import etree

from annotator.core.errors import InputError
from fmt_helpers import do_export, do_import
from interop_helpers import round_trip, sample_project, spans_of

SCHEMA = Path(__file__).resolve().parents[1] / "fixtures" / "formats" / "refi" / "Project-mrt2019.xsd"
NS = "{urn:QDA-XML:project:1.0}"


def _qde(path):
    with zipfile.ZipFile(path) as zf:
        return zf.read("project.qde"), {n: zf.read(n) for n in zf.namelist()}


def test_project_qde_validates_against_the_refi_schema(make_project, tmp_path):
    project = sample_project(make_project, tmp_path)
    report = do_export(project, tmp_path / "p.qdpx", "refi", all_coders=True, status="done")
    xml, members = _qde(tmp_path / "p.qdpx")
    schema = etree.XMLSchema(etree.parse(str(SCHEMA)))
    doc = etree.fromstring(xml)
    assert schema.validate(doc), schema.error_log
    assert [u.get("name") for u in doc.iter(NS + "User")] == ["ali", "sara"]
    assert {c.get("name"): c.get("color") for c in doc.iter(NS + "Code")}.keys() == {"PER", "LOC", "ORG"}
    assert len(list(doc.iter(NS + "TextSource"))) == 3 and len(list(doc.iter(NS + "Note"))) == 2
    assert sorted(n for n in members if n.startswith("sources/")) == sorted(
        f"sources/{s.get('plainTextPath')[len('internal://'):]}" for s in doc.iter(NS + "TextSource"))
    assert "documents' ids and metadata" in report.summary()


def test_positions_count_code_points_on_arabic_with_an_emoji(make_project, tmp_path):
    project = sample_project(make_project, tmp_path)
    do_export(project, tmp_path / "p.qdpx", "refi", coder="ali", status="done")
    xml, members = _qde(tmp_path / "p.qdpx")
    doc = etree.fromstring(xml)
    source = next(s for s in doc.iter(NS + "TextSource") if s.get("name") == "سؤال ١")
    text = members[f"sources/{source.get('plainTextPath')[len('internal://'):]}"].decode("utf-8")
    assert text.startswith("😀")
    selections = {s.get("name"): (int(s.get("startPosition")), int(s.get("endPosition")))
                  for s in source.iter(NS + "PlainTextSelection")}
    start, end = selections["الرياض"]
    assert text[start:end] == "الرياض"  # code points: Python's own indexing, as QualCoder reads it
    utf16 = text.encode("utf-16-le")
    assert utf16[start * 2:end * 2].decode("utf-16-le") != "الرياض"  # a UTF-16 reader would be one off


def test_round_trip_identical_bytes_coders_notes_and_colours(make_project, tmp_path):
    first, second, a, b = round_trip(make_project, tmp_path, "refi", "p.qdpx")
    xml_a, members_a = _qde(a)
    xml_b, members_b = _qde(b)
    assert xml_a.replace(b'name="first"', b'name="second"') == xml_b  # the project's own name differs
    assert {k: v for k, v in members_a.items() if k != "project.qde"} == \
        {k: v for k, v in members_b.items() if k != "project.qde"}
    assert spans_of(second) == spans_of(first)
    assert {l.name: l.color for l in second.labels()} == {l.name: l.color for l in first.labels()}


def _qdpx(tmp_path, qde: str, texts: dict[str, str] | None = None) -> Path:
    path = tmp_path / "in.qdpx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("project.qde", qde)
        for name, text in (texts or {}).items():
            zf.writestr(f"sources/{name}", text)
    return path


G = "11111111-1111-1111-1111-111111111111"
C = "22222222-2222-2222-2222-222222222222"


def _project(selection: str, path: str = f"internal://{G}.txt") -> str:
    return (f'<?xml version="1.0" encoding="utf-8"?><Project xmlns="urn:QDA-XML:project:1.0" name="x">'
            f'<CodeBook><Codes><Code guid="{C}" name="مكان" isCodable="true" color="#AA0000"/></Codes></CodeBook>'
            f'<Sources><TextSource guid="{G}" name="نص" plainTextPath="{path}">{selection}</TextSource></Sources>'
            f'</Project>')


def test_a_qualcoder_style_project_imports(make_project, tmp_path):
    sel = (f'<PlainTextSelection guid="{G[:-1]}2" startPosition="4" endPosition="8"><Description>وصف</Description>'
           f'<Coding guid="{G[:-1]}3"><CodeRef targetGUID="{C}"/></Coding></PlainTextSelection>')
    project = make_project("p", coder="c")
    report = do_import(project, _qdpx(tmp_path, _project(sel), {f"{G}.txt": "زار دمشق أمس"}), "refi")
    assert report.spans == 1
    assert spans_of(project) == {("زار دمشق أمس", "c"): [(4, 8, "مكان", "وصف")]}
    assert project.labels().by_name("مكان").color == "#aa0000"


@pytest.mark.parametrize("selection, path, message", [
    ('<PlainTextSelection guid="x" startPosition="a" endPosition="2"/>', None, "must be integers"),
    (f'<PlainTextSelection guid="x" startPosition="0" endPosition="99"><Coding guid="y"><CodeRef targetGUID="{C}"/>'
     '</Coding></PlainTextSelection>', None, "is outside the text"),
    ('<PlainTextSelection guid="x" startPosition="0" endPosition="2"><Coding guid="y"><CodeRef targetGUID="nope"/>'
     '</Coding></PlainTextSelection>', None, "refers to no code"),
    ("", "file:///etc/passwd", "points outside the archive"),
    ("", "internal://missing.txt", "is not in the archive's sources/"),
])
def test_bad_projects_name_the_element_and_change_nothing(make_project, tmp_path, selection, path, message):
    qde = _project(selection, path) if path else _project(selection)
    project = make_project("p", coder="c")
    with pytest.raises(InputError) as err:
        do_import(project, _qdpx(tmp_path, qde, {f"{G}.txt": "زار دمشق أمس"}), "refi")
    assert message in str(err.value) and "in.qdpx" in str(err.value)
    assert project.document_count() == 0


def test_doctype_and_non_zip_are_refused(make_project, tmp_path):
    project = make_project("p", coder="c")
    bomb = '<?xml version="1.0"?><!DOCTYPE P [<!ENTITY a "aaaaaaaa">]><Project name="&a;"/>'
    with pytest.raises(InputError, match="declares a DOCTYPE"):
        do_import(project, _qdpx(tmp_path, bomb), "refi")
    (tmp_path / "no.qdpx").write_bytes(b"plain bytes")
    with pytest.raises(InputError, match="not a valid zip archive"):
        do_import(project, tmp_path / "no.qdpx", "refi")
