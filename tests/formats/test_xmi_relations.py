"""XMI relations as INCEpTION's basic custom relation layer (``custom.Relation``: ``label``,
``Governor``, ``Dependent``): cassis reads them from the export, the round trip keeps every coder's
relations and every byte, and a file written by another tool (a ``webanno.custom.*`` relation type,
a relation on tokens, a self-relation) is read or refused clearly."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings, strategies as st

from annotator.core.errors import InputError
from annotator.formats.exporting import ExportOptions, export_project
from annotator.formats.importing import import_files
from annotator.formats.registry import ImportOptions
from annotator.store import Project
from fmt_helpers import do_export, do_import
from test_prodigy_relations import TEXT, relations_of, source_project
from test_properties import SETTINGS, valid_documents

import cassis  # noqa: E402  (the xmi extra: make test installs it)

NE = "de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity"


def test_cassis_reads_the_relations_and_the_round_trip_keeps_them(make_project, tmp_path):
    first = source_project(make_project, tmp_path)
    report = do_export(first, tmp_path / "a", "xmi", all_coders=True)
    assert not any("relations" in reason for reason in report.losses)
    ts = cassis.load_typesystem(tmp_path / "a" / "TypeSystem.xml")
    cas = cassis.load_cas_from_xmi(next((tmp_path / "a" / "ali").glob("*.xmi")), typesystem=ts)
    (rel,) = cas.select("custom.Relation")
    assert (rel.label, rel.Governor.value, rel.Dependent.value) == ("visited", "PER", "LOC")
    assert (rel.begin, rel.end) == (rel.Dependent.begin, rel.Dependent.end)
    assert rel.Governor.get_covered_text() == "محمد بن سلمان" and rel.get_covered_text() == "الرياض"
    second = make_project("second", coder=None)
    assert do_import(second, tmp_path / "a", "xmi").relations == 3
    do_export(second, tmp_path / "b", "xmi", all_coders=True)
    files = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*") if p.is_file())
    for path in files:
        assert (tmp_path / "a" / path).read_bytes() == (tmp_path / "b" / path).read_bytes(), path
    assert relations_of(second) == relations_of(first) and len(relations_of(first)) == 3


def _foreign(tmp_path, build):
    """A CAS as another tool writes it: a webanno.custom.Link relation type with a value feature."""
    ts = cassis.TypeSystem()
    ne = ts.create_type(NE, supertypeName="uima.tcas.Annotation")
    ts.create_feature(ne, "value", "uima.cas.String")
    token = ts.create_type("de.tudarmstadt.ukp.dkpro.core.api.segmentation.type.Token",
                           supertypeName="uima.tcas.Annotation")
    link = ts.create_type("webanno.custom.Link", supertypeName="uima.tcas.Annotation")
    ts.create_feature(link, "value", "uima.cas.String")
    ts.create_feature(link, "Governor", "uima.tcas.Annotation")
    ts.create_feature(link, "Dependent", "uima.tcas.Annotation")
    cas = cassis.Cas(typesystem=ts)
    cas.sofa_string = TEXT
    Entity, Token, Link = ts.get_type(NE), ts.get_type(token.name), ts.get_type(link.name)
    per = Entity(begin=TEXT.index("محمد"), end=TEXT.index("محمد") + 4, value="PER")
    loc = Entity(begin=TEXT.index("الرياض"), end=len(TEXT), value="LOC")
    bare = Entity(begin=0, end=3)
    t1, t2 = Token(begin=0, end=3), Token(begin=4, end=8)
    cas.add_all([per, loc, bare, t1, t2])
    cas.add_all(build(Link, per, loc, bare, t1, t2))
    folder = tmp_path / "in"
    folder.mkdir()
    ts.to_xml(folder / "TypeSystem.xml")
    cas.to_xmi(folder / "doc.xmi")
    return folder / "doc.xmi"


def test_a_foreign_relation_layer_is_read_and_the_rest_counted(make_project, tmp_path):
    path = _foreign(tmp_path, lambda Link, per, loc, bare, t1, t2: [
        Link(begin=loc.begin, end=loc.end, value="visited", Governor=per, Dependent=loc),
        Link(begin=loc.begin, end=loc.end, Governor=loc, Dependent=per),  # no value: the type's short name
        Link(begin=t2.begin, end=t2.end, value="dep", Governor=t1, Dependent=t2),
        Link(begin=per.begin, end=per.end, value="x", Governor=bare, Dependent=per)])
    project = make_project("p", coder="ali")
    report = do_import(project, path, "xmi")
    assert relations_of(project) == {("ali", ("محمد", "PER"), "visited", ("الرياض", "LOC")),
                                     ("ali", ("الرياض", "LOC"), "Link", ("محمد", "PER"))}
    assert any("1 relation(s) between annotations other than NamedEntity" in w for w in report.warnings)
    assert any("1 relation(s) to a NamedEntity without a value" in w for w in report.warnings)


def test_a_relation_from_an_entity_to_itself_is_refused(make_project, tmp_path):
    path = _foreign(tmp_path, lambda Link, per, loc, *_: [Link(begin=per.begin, end=per.end, value="self",
                                                               Governor=per, Dependent=per)])
    project = make_project("p", coder="ali")
    with pytest.raises(InputError) as err:
        do_import(project, path, "xmi")
    assert "goes from a NamedEntity to itself" in str(err.value) and "doc.xmi" in str(err.value)
    assert project.document_count() == 0


def test_an_unknown_relation_type_without_add_labels_is_an_error(make_project, tmp_path):
    path = _foreign(tmp_path, lambda Link, per, loc, *_: [Link(begin=loc.begin, end=loc.end, value="visited",
                                                               Governor=per, Dependent=loc)])
    project = make_project("p", coder="ali", labels=["PER", "LOC"])
    with pytest.raises(InputError) as err:
        do_import(project, path, "xmi", add_labels=False)
    assert "relation type 'visited'" in str(err.value) and "doc.xmi" in str(err.value)
    assert project.document_count() == 0


@st.composite
def related_documents(draw):
    doc = draw(valid_documents())
    for number, span in enumerate(doc["spans"], start=1):
        span["id"] = number
    pairs = st.tuples(st.integers(1, len(doc["spans"])), st.integers(1, len(doc["spans"])),
                      st.sampled_from(["about", "source", "قرب"])) if doc["spans"] else st.nothing()
    links = draw(st.lists(pairs.filter(lambda p: p[0] != p[1]), max_size=4, unique=True)) if len(doc["spans"]) > 1 else []
    doc["relations"] = [{"head": h, "child": c, "label": lab} for h, c, lab in links]
    return doc


@settings(SETTINGS, max_examples=8)
@given(docs=st.lists(related_documents(), min_size=1, max_size=3, unique_by=lambda d: d["text"]),
       fmt=st.sampled_from(["prodigy", "xmi"]))
def test_relations_survive_export_import_export(tmp_path, docs, fmt):
    folder = tmp_path / f"rt{len(list(tmp_path.iterdir()))}"
    folder.mkdir()
    source, source_fmt, exports, relations, lost = folder / "in.jsonl", "jsonl", [], [], []
    source.write_text("\n".join(json.dumps(d, ensure_ascii=False) for d in docs), encoding="utf-8")
    for number in range(2):
        Project.create(folder / f"p{number}.annot", coder="c").close()
        with Project.open(folder / f"p{number}.annot", backup=False) as project:
            import_files(project, [source], source_fmt, ImportOptions(coder="c", status="done", add_labels=True))
            out = folder / (f"o{number}.jsonl" if fmt == "prodigy" else f"o{number}")
            report = export_project(project, out, fmt, ExportOptions(coder="c"))
            lost.append(sum(n for reason, n in report.losses.items() if reason.startswith("relations")))
            relations.append((relations_of(project),
                              sum(len(project.relations(d.id)) for d in project.documents())))
        exports.append(out.read_bytes() if out.is_file() else
                       b"".join(p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()))
        source, source_fmt = out, fmt
    assert exports[0] == exports[1] and lost[1] == 0
    # what the first export could not write is counted in its summary, and only that is missing
    # (prodigy: relations of spans it gives no tokens; xmi anchors every span)
    assert relations[1][0] <= relations[0][0] and relations[1][1] == relations[0][1] - lost[0]
    assert relations[0][1] == sum(len(d["relations"]) for d in docs) and (fmt == "prodigy" or lost[0] == 0)
