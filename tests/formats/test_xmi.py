"""UIMA CAS XMI: dkpro-cassis (the consumer INCEpTION's Python users load with) reads the export and
yields the same spans, an emoji before a span is handled (XMI counts UTF-16), and the round trip
keeps every byte."""

from __future__ import annotations

import pytest

from annotator.core.errors import InputError
from fmt_helpers import do_export, do_import
from interop_helpers import round_trip, sample_project, spans_of

import cassis  # noqa: E402  (the xmi extra: make test installs it)
NE = "de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity"


def test_cassis_loads_the_export_with_the_same_spans(make_project, tmp_path):
    project = sample_project(make_project, tmp_path)
    report = do_export(project, tmp_path / "xmi", "xmi", all_coders=True, status="done")
    ts = cassis.load_typesystem(tmp_path / "xmi" / "TypeSystem.xml")
    expected = spans_of(project)
    seen = 0
    for coder in ("ali", "sara"):
        for path in sorted((tmp_path / "xmi" / coder).glob("*.xmi")):
            cas = cassis.load_cas_from_xmi(path, typesystem=ts)
            got = sorted((e.begin, e.end, e.value) for e in cas.select(NE))
            assert got == [(s, e, lab) for s, e, lab, _ in expected[(cas.sofa_string, coder)]]
            for entity in cas.select(NE):
                assert entity.get_covered_text() == cas.sofa_string[entity.begin:entity.end]
            assert cas.select("de.tudarmstadt.ukp.dkpro.core.api.segmentation.type.Token")
            seen += 1
    assert seen == 6
    raw = next((tmp_path / "xmi" / "ali").glob("سؤال*.xmi")).read_text(encoding="utf-8")
    # the file itself counts UTF-16 units: محمد starts at 6 code points, 7 UTF-16 units
    assert 'begin="7" end="11" value="PER"' in raw
    assert "2 span notes (NamedEntity has no note)" in report.summary()


def test_round_trip_identical_bytes_and_coders(make_project, tmp_path):
    first, second, a, b = round_trip(make_project, tmp_path, "xmi", "xmi")
    files = sorted(p.relative_to(a) for p in a.rglob("*") if p.is_file())
    assert len(files) == 7
    for path in files:
        assert (a / path).read_bytes() == (b / path).read_bytes(), path
    assert spans_of(second) == {k: [(s, e, lab, None) for s, e, lab, _ in v] for k, v in spans_of(first).items()}


def test_an_inception_style_zip_imports(make_project, tmp_path):
    import zipfile

    project = sample_project(make_project, tmp_path)
    do_export(project, tmp_path / "xmi", "xmi", coder="sara", status="done")
    with zipfile.ZipFile(tmp_path / "doc.zip", "w") as zf:
        for path in (tmp_path / "xmi").iterdir():
            zf.write(path, path.name)
    target = make_project("t", coder="sara")
    report = do_import(target, tmp_path / "doc.zip", "xmi")
    assert report.documents == 3 and report.spans == 4


@pytest.mark.parametrize("payload, message", [
    ("<xmi:XMI", "not well-formed XML"),
    ('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>', "declares a DOCTYPE"),
    ('<?xml version="1.0"?><xmi:XMI xmlns:xmi="http://www.omg.org/XMI" xmlns:cas="http:///uima/cas.ecore" '
     'xmlns:type="http:///de/tudarmstadt/ukp/dkpro/core/api/ner/type.ecore" xmi:version="2.0">'
     '<cas:NULL xmi:id="0"/><type:NamedEntity xmi:id="2" sofa="1" begin="0" end="99" value="X"/>'
     '<cas:Sofa xmi:id="1" sofaNum="1" sofaID="_InitialView" mimeType="text" sofaString="نص قصير"/>'
     '<cas:View sofa="1" members="2"/></xmi:XMI>', "NamedEntity 1 (xmi:id 2): span [0, 99] is outside"),
])
def test_bad_xmi_is_an_error_that_changes_nothing(make_project, tmp_path, payload, message):
    project = sample_project(make_project, tmp_path)
    do_export(project, tmp_path / "xmi", "xmi", coder="ali", status="done")
    (tmp_path / "xmi" / "zz-bad.xmi").write_text(payload, encoding="utf-8")
    target = make_project("t", coder="c")
    with pytest.raises(InputError) as err:
        do_import(target, tmp_path / "xmi", "xmi")
    assert message in str(err.value) and "zz-bad.xmi" in str(err.value)
    assert target.document_count() == 0
