"""WebAnno TSV 3.3 relations on NamedEntity: the examples of INCEpTION's format description.

Source of the fixtures: INCEpTION's user guide, "WebAnno TSV 3.3 File format", sections "Relation
Annotations" and "Disambiguation IDs in relations" (inception-project/inception,
inception-io-webanno-tsv/src/main/resources/META-INF/asciidoc/user-guide/webannotsv.adoc, Apache 2.0),
written out here by hand; the second and third are that example with values and an Arabic sentence."""

from __future__ import annotations

import pytest
from hypothesis import given, strategies as st

from annotator.core.errors import InputError
from fmt_helpers import do_import
from test_properties import SETTINGS, import_and_check

NE = "de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity"
HEAD = f"#FORMAT=WebAnno TSV 3.3\n#T_SP={NE}|value\n#T_RL=webanno.custom.Relation|value|BT_{NE}\n\n\n"

# The guide's example as it is: every annotation without a value (`*`), the relation from the one
# annotation on 1-1 (id 0) to the first of two stacked ones on 1-5 (id 1).
SPEC = HEAD + ("#Text=This is a test .\n"
               "1-1\t0-4\tThis\t*\t_\t_\n"
               "1-2\t5-7\tis\t_\t_\t_\n"
               "1-3\t8-9\ta\t_\t_\t_\n"
               "1-4\t10-14\ttest\t_\t_\t_\n"
               "1-5\t15-16\t.\t*[1]|*[2]\t*\t1-1[0_1]\n")
# The same with values.
VALUED = SPEC.replace("This\t*\t", "This\tPER\t").replace("*[1]|*[2]\t*\t", "LOC[1]|ORG[2]\tnear\t")

# Arabic: a multi-token source (id 1) and target (id 2), written on the target's tokens, and a
# relation from a single-token annotation (no id) stacked with a second relation in the same cell.
ARABIC = HEAD + ("#Text=زار محمد بن سلمان جامعة الملك سعود في الرياض\n"
                 "1-1\t0-3\tزار\t_\t_\t_\n"
                 "1-2\t4-8\tمحمد\tPER[1]\t_\t_\n"
                 "1-3\t9-11\tبن\tPER[1]\t_\t_\n"
                 "1-4\t12-17\tسلمان\tPER[1]\t_\t_\n"
                 "1-5\t18-23\tجامعة\tORG[2]\tvisited\t1-2[1_2]\n"
                 "1-6\t24-29\tالملك\tORG[2]\tvisited\t1-2[1_2]\n"
                 "1-7\t30-34\tسعود\tORG[2]\tvisited\t1-2[1_2]\n"
                 "1-8\t35-37\tفي\t_\t_\t_\n"
                 "1-9\t38-44\tالرياض\tLOC\tin|near\t1-5[2_0]|1-2[1_0]\n")


def rels(project, doc_id):
    text = project.document(doc_id).text
    spans = {s.id: (text[s.start:s.end], project.labels().by_id(s.label_id).name) for s in project.spans(doc_id)}
    types = {t.id: t.name for t in project.relation_types()}
    return sorted((spans[r.head_id], types[r.type_id], spans[r.child_id]) for r in project.relations(doc_id))


def test_the_guides_example_reads_and_counts_the_relation_to_annotations_without_a_value(make_project, tmp_path):
    (tmp_path / "spec.tsv").write_text(SPEC, encoding="utf-8")
    project = make_project("p", coder="ali")
    report = do_import(project, tmp_path / "spec.tsv", "webanno")
    (doc,) = project.documents()
    assert project.spans(doc.id) == [] and project.relations(doc.id) == []
    (warning,) = report.warnings
    assert "1 relations with an end that has no value" in warning and "3 NamedEntity annotations" in warning


def test_relation_with_disambiguation_ids(make_project, tmp_path):
    (tmp_path / "valued.tsv").write_text(VALUED, encoding="utf-8")
    project = make_project("p", coder="ali")
    report = do_import(project, tmp_path / "valued.tsv", "webanno")
    (doc,) = project.documents()
    assert rels(project, doc.id) == [(("This", "PER"), "near", (".", "LOC"))]
    assert report.relations == 1 and not report.warnings


def test_arabic_multi_token_and_stacked_relations(make_project, tmp_path):
    (tmp_path / "ar.tsv").write_text(ARABIC, encoding="utf-8")
    project = make_project("p", coder="ali")
    do_import(project, tmp_path / "ar.tsv", "webanno")
    (doc,) = project.documents()
    assert rels(project, doc.id) == [
        (("جامعة الملك سعود", "ORG"), "in", ("الرياض", "LOC")),
        (("محمد بن سلمان", "PER"), "near", ("الرياض", "LOC")),
        (("محمد بن سلمان", "PER"), "visited", ("جامعة الملك سعود", "ORG")),  # written on 3 rows, one relation
    ]
    assert {"in", "near", "visited"} <= {t.name for t in project.relation_types()}


def test_a_layer_without_features_and_a_star_value_take_the_layers_short_name(make_project, tmp_path):
    bare = VALUED.replace("#T_RL=webanno.custom.Relation|value|", "#T_RL=webanno.custom.Relation|") \
        .replace("ORG[2]\tnear\t", "ORG[2]\t")
    (tmp_path / "bare.tsv").write_text(bare.replace("\t_\t_\n", "\t_\n"), encoding="utf-8")
    project = make_project("p", coder="ali")
    do_import(project, tmp_path / "bare.tsv", "webanno")
    (doc,) = project.documents()
    assert rels(project, doc.id) == [(("This", "PER"), "Relation", (".", "LOC"))]


def test_an_unknown_relation_type_without_add_labels_names_the_file_and_line(make_project, tmp_path):
    (tmp_path / "ar.tsv").write_text(ARABIC, encoding="utf-8")
    project = make_project("p", coder="ali", labels=["PER", "ORG", "LOC"])
    types = project.relation_types()
    with pytest.raises(InputError) as err:
        do_import(project, tmp_path / "ar.tsv", "webanno", add_labels=False)
    assert "relation type" in str(err.value) and "ar.tsv" in str(err.value) and err.value.line is not None
    assert project.document_count() == 0 and project.relation_types() == types


@pytest.mark.parametrize("mutate, line, message", [
    (lambda s: s.replace("1-1[0_1]", "1-1[0_3]"), 11, "no such NamedEntity annotation"),   # no id 3 on 1-5
    (lambda s: s.replace("1-1[0_1]", "1-1[4_1]"), 11, "no such NamedEntity annotation"),
    (lambda s: s.replace("1-1[0_1]", "1-1"), 11, "one of 2 NamedEntity annotations"),      # target ambiguous
    (lambda s: s.replace("1-1[0_1]", "1-2[0_1]"), 11, "no such NamedEntity annotation"),   # nothing on 1-2
    (lambda s: s.replace("1-1[0_1]", "3-1[0_1]"), 11, "the file does not have"),
    (lambda s: s.replace("1-1[0_1]", "one"), 11, "is not a token reference"),
    (lambda s: s.replace("\tnear\t", "\tnear|far\t"), 11, "2 stacked value(s) but 1 source"),
    (lambda s: s.replace("1-2\t5-7", "1-1\t5-7"), 8, "already used on line 7"),
])
def test_bad_relations_name_the_line_and_import_nothing(make_project, tmp_path, mutate, line, message):
    (tmp_path / "bad.tsv").write_text(mutate(VALUED), encoding="utf-8")
    project = make_project("p", coder="ali")
    with pytest.raises(InputError) as err:
        do_import(project, tmp_path / "bad.tsv", "webanno")
    assert message in str(err.value) and "bad.tsv" in str(err.value) and err.value.line == line
    assert project.document_count() == 0


@SETTINGS
@given(cells=st.lists(st.tuples(st.sampled_from(["_", "*", "A", "A[1]", "A[1]|B[2]", "B[2]"]),
                                st.sampled_from(["_", "r", "*", "r|s", "r[1]"]),
                                st.sampled_from(["_", "1-1", "1-2[1_0]", "1-3[0_2]", "1-1|1-2", "2-1", "x"])),
                      min_size=1, max_size=4))
def test_arbitrary_relation_cells_import_cleanly_or_fail_clearly(tmp_path, cells):
    words = ["aa", "bb", "cc", "dd"][:len(cells)]
    rows, at = [], 0
    for index, (word, (span, rel, ref)) in enumerate(zip(words, cells), start=1):
        rows.append(f"1-{index}\t{at}-{at + 2}\t{word}\t{span}\t{rel}\t{ref}\n")
        at += 3
    import_and_check(tmp_path, "x.tsv", HEAD + f"#Text={' '.join(words)}\n" + "".join(rows), fmt="webanno",
                     coder="c", add_labels=True)
