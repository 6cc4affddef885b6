"""``file_reads.FileReads``: the agreement report's reads with sqlite3 alone give what ``Project``'s
reads give, on a project with every layer (gold, relations, attribute values, document labels,
assignments); the report made from either is the same; the reads see one state of the file; an
older schema is left to ``Project``; nothing is written."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from annotator.agreement.report.build import build_report
from annotator.agreement.report.collect import collect
from annotator.agreement.report.overlap import assigned_overlap
from annotator.core.assignment import plan_assignments
from annotator.core.errors import ProjectError
from annotator.core.schema import AttributeDef, DocLabelGroup, Guide
from annotator.launcher import main
from annotator.store import Project
from annotator.store.file_reads import FileReads

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
TEXT = "قال المبعوث الأميركي إنه ليس هناك خطة، وقالت الوزارة إن 80 ألف جندي وصلوا إلى F-35."


def _at(part: str) -> tuple[int, int]:
    start = TEXT.index(part)
    return start, start + len(part)


def _rich(path: Path) -> Path:
    with Project.create(path) as p:
        p.set_doc_label_groups([DocLabelGroup("topic", ("politics", "economy")),
                                DocLabelGroup("flags", ("sarcasm", "quote"), multiple=True)])
        labels = p.labels()
        claim_id = labels.by_name("claim").id
        p.update_label_schema(claim_id, attributes=[AttributeDef("certainty", "choice", ("high", "low"))],
                              guide=Guide("a claim someone makes", ("قال إن",)))
        types = {t.name: t.id for t in p.relation_types()}
        coders = [p.ensure_coder(name) for name in ("ali", "mona", "sara")]
        gold = p.ensure_gold_coder()
        docs = [p.add_document(f"خبر {n}", TEXT + " " * n, meta={"n": n}) for n in range(5)]
        p.assign(plan_assignments([d.id for d in docs], [c.name for c in coders], 2, seed=3))
        for n, doc in enumerate(docs):
            for c in (*coders, gold):
                claim = p.add_span(doc.id, c.id, claim_id, *_at("ليس هناك خطة"), note="ملاحظة" if n else None)
                envoy = p.add_span(doc.id, c.id, labels.by_name("entity").id, *_at("المبعوث الأميركي"))
                p.add_span(doc.id, c.id, labels.by_name("figure").id, *_at("80 ألف" if (n + c.id) % 2 else "80"))
                if c.name != "sara":
                    p.set_span_attr(claim.id, "certainty", "high" if n % 2 else "low")
                    p.add_relation(types["source"], claim.id, envoy.id)
                p.set_doc_labels(doc.id, c.id, labels=["politics" if (n + c.id) % 3 else "economy"], comment="تعليق")
                if n < 4 or c is gold:
                    p.set_status(doc.id, c.id, "done" if n < 3 or c.name == "ali" else "in_progress")
    return path


@pytest.fixture(scope="module")
def rich(tmp_path_factory) -> Path:
    return _rich(tmp_path_factory.mktemp("reads") / "rich.annot")


def test_every_read_gives_what_the_projects_read_gives(rich):
    with Project.open(rich, readonly=True) as project, FileReads.open(rich) as reader:
        ids = [d.id for d in project.documents()]
        coder_ids = [c.id for c in project.coders()]
        label_ids = [label.id for label in project.labels()]
        assert len(ids) == 5 and len(coder_ids) == 4
        assert list(reader.labels()) == list(project.labels())
        assert reader.labels().by_name("claim").attributes[0].values == ("high", "low")
        assert reader.coders() == project.coders() and reader.coders(include_gold=False) == project.coders(include_gold=False)
        assert reader.gold_coder() == project.gold_coder() and reader.coder("mona") == project.coder("mona")
        assert reader.coder("nobody") is None
        assert reader.relation_types() == project.relation_types()
        assert reader.doc_label_groups() == project.doc_label_groups()
        assert reader.documents() == project.documents()
        assert reader.document(ids[2]) == project.document(ids[2]) and reader.document(ids[2]).meta == {"n": 2}
        with pytest.raises(ProjectError, match="no document with id 999"):
            reader.document(999)
        assert reader.document_texts(ids[1:4]) == project.document_texts(ids[1:4])
        assert reader.assignments() == project.assignments() and reader.assignments()
        for coder_id in (*coder_ids, None):
            assert reader.doc_labels_table(coder_id) == project.doc_labels_table(coder_id)
        for coder_id in coder_ids:
            assert reader.statuses(coder_id) == project.statuses(coder_id)
        for doc_id in ids:
            assert reader.span_rows(doc_id) == project.span_rows(doc_id)
            assert reader.span_rows(doc_id, coder_ids[1]) == project.span_rows(doc_id, coder_ids[1])
        for chosen in (coder_ids, coder_ids[:2], []):
            assert sorted(reader.span_table(ids, chosen)) == sorted(map(tuple, project.span_table(ids, chosen)))
            assert reader.span_table_packed(ids, chosen) == project.span_table_packed(ids, chosen)
            assert reader.layers_present(chosen, label_ids) == project.layers_present(chosen, label_ids)
            assert sorted(reader.relation_table(ids, chosen)) == sorted(project.relation_table(ids, chosen))
            assert (sorted(map(repr, reader.attribute_table(ids, chosen, label_ids)))
                    == sorted(map(repr, project.attribute_table(ids, chosen, label_ids))))
        assert sorted(reader.span_table(ids)) == sorted(map(tuple, project.span_table(ids)))
        assert reader.layers_present([coder_ids[2]], label_ids) == (False, False)  # sara: no relation, no value
        assert reader.span_table([], coder_ids) == [] and reader.span_table_packed([], coder_ids) == b""


def _same_report(data_a, data_b):
    a, b = build_report(data_a), build_report(data_b)
    return json.dumps(a, sort_keys=True, default=str) == json.dumps(b, sort_keys=True, default=str), a


def test_the_report_is_the_same_from_either_reader(rich):
    with Project.open(rich, readonly=True) as project, FileReads.open(rich) as reader:
        same, report = _same_report(collect(project), collect(reader))
        assert same
        assert report["documents"]["count"] == 3 and report["gold"]["adjudicated_documents"] == 3
        assert report["relation_f1"] is not None and report["attribute_agreement"]
        assert report["document_labels"]["topic"]["documents"] == 3
        overlap = assigned_overlap(reader)
        assert overlap == assigned_overlap(project) and overlap


def test_annotator_agreement_reads_the_file_without_sqlalchemy(rich, tmp_path):
    """The command's own process: the same report as through ``Project``, and SQLAlchemy never imported."""
    script = ("import sys; from annotator.launcher import main; "
              f"code = main(['agreement', {str(rich)!r}, '--format', 'json', '-o', {str(tmp_path / 'r.json')!r}]); "
              "print(code, 'sqlalchemy' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert done.stdout.split() == ["0", "False"], done.stdout + done.stderr
    with Project.open(rich, readonly=True) as project:
        expected = build_report(collect(project))
        expected["assigned_overlap"] = assigned_overlap(project)
    from annotator.agreement.report.render import renderer
    assert (tmp_path / "r.json").read_text(encoding="utf-8") == renderer("json")(expected)


def test_the_reads_see_one_state_of_the_file_while_a_coder_saves(tmp_path):
    path = _rich(tmp_path / "p.annot")
    with Project.open(path) as writer:
        mona = writer.coder("mona")
        doc = writer.documents()[0]
        with FileReads.open(path) as reader:
            before = reader.span_rows(doc.id)
            writer.add_span(doc.id, mona.id, writer.labels().by_name("entity").id, 0, 3)
            writer.set_status(writer.documents()[4].id, mona.id, "done")
            assert reader.span_rows(doc.id) == before  # still the state the report began with
            assert reader.statuses(mona.id)[writer.documents()[4].id].value == "new"
        with FileReads.open(path) as later:
            assert len(later.span_rows(doc.id)) == len(before) + 1


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_nothing_is_written_and_no_side_file_is_left(rich, tmp_path):
    path = tmp_path / "copy.annot"
    shutil.copyfile(rich, path)
    before = _digest(path)
    assert main(["agreement", str(path), "-o", str(tmp_path / "r.md")]) == 0
    assert _digest(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["copy.annot", "r.md"]


def test_an_older_schema_is_left_to_project_which_reads_an_upgraded_copy(tmp_path, capsys):
    old = tmp_path / "v1.annot"
    shutil.copyfile(FIXTURES / "store" / "schema-v1.annot", old)
    before = _digest(old)
    assert FileReads.open(old) is None
    assert main(["agreement", str(old), "--gold-only", "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["gold"] is None  # read through Project's upgraded copy: one coder, nothing adjudicated
    assert main(["agreement", str(old)]) == 1
    assert "needs at least two coders; the project has 1 (ali)" in capsys.readouterr().err
    assert _digest(old) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["v1.annot"]


def test_a_file_that_is_not_a_project_is_one_clear_error(tmp_path):
    bad = tmp_path / "notes.annot"
    bad.write_text("ليس مشروعا", encoding="utf-8")
    with pytest.raises(ProjectError, match="notes.annot"):
        FileReads.open(bad)
    with pytest.raises(ProjectError, match="no such project file"):
        FileReads.open(tmp_path / "missing.annot")


def test_a_file_damaged_under_the_reader_is_the_damaged_file_error(tmp_path):
    """A read that meets a damaged page is the same error as ``Project``'s (the offer of a backup),
    not a traceback and not a report of what could still be read."""
    from annotator.core.errors import ProjectDamaged

    path = tmp_path / "p.annot"
    with Project.create(path) as p:
        coder = p.ensure_coder("ali")
        label = p.labels().by_name("entity").id
        doc = p.add_document("نص", "نص عربي للاختبار " * 2_000)
        with p.transaction() as t:
            t.add_spans([(doc.id, coder.id, label, i, i + 3, None) for i in range(0, 30_000, 4)])
    with FileReads.open(path) as reader:
        size = path.stat().st_size
        with open(path, "r+b") as fh:  # the spans' pages, past the first quarter of the file
            fh.seek(size // 4)
            fh.write(b"\xff" * (size // 2))
        with pytest.raises(ProjectDamaged):
            reader.span_table([doc.id], [coder.id])
