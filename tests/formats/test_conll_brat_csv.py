"""CoNLL, brat and CSV specifics: tokenizer, alignment rule, stray tags, file names, columns."""

from __future__ import annotations

import pytest

from annotator.core.errors import InputError
from annotator.formats.conll import align, layers, tokenize
from annotator.formats.filenames import UniqueNames, safe_name
from fmt_helpers import do_export, do_import, read_jsonl


def test_tokenizer_keeps_arabic_letters_with_their_marks():
    text = "كَتَبَ الطّالِبُ، الدَّرْسَ."
    assert [text[s:e] for s, e in tokenize(text)] == ["كَتَبَ", "الطّالِبُ", "،", "الدَّرْسَ", "."]


def test_a_span_that_cuts_a_token_grows_to_the_whole_token():
    tokens = tokenize("زار والدمشقي المدينة")
    assert align(tokens, 6, 12) == (1, 2)      # inside والدمشقي: the whole token
    assert align(tokens, 0, 5) == (0, 2)       # ends one letter into the second token
    assert align(tokens, 3, 4) is None         # only the space


def test_nested_spans_go_to_extra_columns_outer_first():
    assert layers([(1, 2, "GPE"), (0, 3, "ORG"), (0, 1, "PERS")]) == [[(0, 3, "ORG")], [(0, 1, "PERS"), (1, 2, "GPE")]]


def test_conll_originals_give_the_spans_of_the_derived_jsonl(make_project, fixtures, tmp_path):
    for conll, jsonl in [("anercorp_excerpt.conll", "anercorp_excerpt.jsonl"), ("wojood_nested.conll", "wojood_nested.jsonl")]:
        project = make_project(conll.split(".")[0])
        do_import(project, fixtures / conll, "conll")
        do_export(project, tmp_path / "out.jsonl")
        got = {r["text"]: sorted((s["start"], s["end"], s["label"]) for s in r["spans"]) for r in read_jsonl(tmp_path / "out.jsonl")}
        want = {r["text"]: sorted((s["start"], s["end"], s["label"]) for s in r["spans"]) for r in read_jsonl(fixtures / jsonl)}
        assert got == want


def test_stray_tags_are_read_leniently_and_reported(make_project, fixtures, tmp_path):
    project = make_project()
    warnings: list[str] = []
    do_import(project, fixtures / "aqmar_stray_tags.conll", "conll", warn=warnings.append)
    do_export(project, tmp_path / "out.jsonl")
    labels = {(s["text"], s["label"]) for r in read_jsonl(tmp_path / "out.jsonl") for s in r["spans"]}
    assert {("الأمريكية", "-ORG"), ("الكلاسيكية", "MIS")} <= labels  # I-X after another label starts X
    assert len(warnings) == 1 and "aqmar_stray_tags.conll: 2 unknown tag(s) read as O:" in warnings[0]
    assert "'IO' x1 (first at line" in warnings[0] and "'OO' x1 (first at line" in warnings[0]


def test_conll_export_warns_of_a_cut_token_with_document_and_offset(make_project, tmp_path):
    (tmp_path / "c.jsonl").write_text('{"id": "d1", "text": "زار والدمشقي", "spans": [{"start": 6, "end": 12, "label": "LOC"}]}\n',
                                      encoding="utf-8")
    project = make_project()
    do_import(project, tmp_path / "c.jsonl")
    report = do_export(project, tmp_path / "c.conll", "conll")
    assert report.warnings == ["document d1: span [6, 12) LOC cuts a token; exported as the whole token(s) [4, 12)"]
    assert (tmp_path / "c.conll").read_text(encoding="utf-8") == "زار O\nوالدمشقي B-LOC\n"


def test_conll_line_without_a_tag_is_an_error(make_project, tmp_path):
    (tmp_path / "bad.conll").write_text("زار O\nدمشق\n", encoding="utf-8")
    project = make_project()
    with pytest.raises(InputError, match=r"bad.conll, line 2: expected 'token TAG'"):
        do_import(project, tmp_path / "bad.conll")
    assert project.document_count() == 0


@pytest.mark.parametrize("title, expected", [
    ("../../etc/passwd", "_.._etc_passwd"),
    ("/abs/path", "_abs_path"),
    ("CON", "_CON"),
    ("nul.txt", "_nul.txt"),
    ("com1", "_com1"),
    ("..", "document"),
    ("a:b*c?\"d<e>f|g\\h", "a_b_c_d_e_f_g_h"),
    ("تقرير الأخبار", "تقرير الأخبار"),
    ("line\nbreak\x00", "line_break_"),
])
def test_brat_file_names_are_safe(title, expected):
    assert safe_name(title) == expected


def test_brat_file_names_are_unique_ignoring_case():
    names = UniqueNames()
    assert [names.take(t) for t in ["Doc", "doc", "DOC", "other"]] == ["Doc", "doc-2", "DOC-3", "other"]


def test_brat_export_stays_inside_its_folder(make_project, tmp_path):
    project = make_project(labels=["LOC"])
    for i, title in enumerate(["../escape", "CON", "/etc/x"]):
        project.add_document(title, f"نص رقم {i}")
    do_export(project, tmp_path / "out", "brat")
    written = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert written == ["_CON.ann", "_CON.txt", "_escape.ann", "_escape.txt", "_etc_x.ann", "_etc_x.txt"]
    assert not any(p.suffix in (".txt", ".ann") for p in tmp_path.parent.iterdir())


def test_brat_spans_across_lines_become_fragments_and_come_back(make_project, tmp_path):
    (tmp_path / "m.jsonl").write_text('{"text": "بيت\\nلحم مدينة", "spans": [{"start": 0, "end": 7, "label": "LOC", "note": "n"}]}\n',
                                      encoding="utf-8")
    project = make_project()
    do_import(project, tmp_path / "m.jsonl")
    do_export(project, tmp_path / "b", "brat")
    (ann,) = (tmp_path / "b").glob("*.ann")
    assert ann.read_text(encoding="utf-8") == "T1\tLOC 0 3;4 7\tبيت لحم\n#1\tAnnotatorNotes T1\tn\n"
    back = make_project("back")
    do_import(back, tmp_path / "b")
    span = back.spans(back.documents()[0].id)[0]
    assert (span.start, span.end, span.note) == (0, 7, "n")


def test_brat_bad_offsets_name_the_line(make_project, tmp_path):
    (tmp_path / "d.txt").write_text("زار دمشق", encoding="utf-8")
    (tmp_path / "d.ann").write_text("T1\tLOC 4 8\tدمشق\nT2\tLOC 4 80\tx\n", encoding="utf-8")
    project = make_project()
    with pytest.raises(InputError, match=r"d.ann, line 2: span \[4, 80\] is outside the text"):
        do_import(project, tmp_path)
    assert project.document_count() == 0


def test_csv_and_tsv_keep_other_columns_as_meta(make_project, tmp_path):
    (tmp_path / "t.csv").write_text('id,title,text,source\nn1,أول,"سطر\r\nثان",web\n', encoding="utf-8")
    (tmp_path / "t.tsv").write_text("body\tlang\nنص آخر\tar\n", encoding="utf-8")
    project = make_project()
    do_import(project, tmp_path / "t.csv")
    do_import(project, tmp_path / "t.tsv", text_column="body")
    first, second = (project.document(d.id) for d in project.documents())
    assert (first.external_id, first.title, first.text, first.meta) == ("n1", "أول", "سطر\nثان", {"title": "أول", "source": "web"})
    assert (second.text, second.meta, second.title) == ("نص آخر", {"lang": "ar"}, "t 1")


def test_csv_without_the_text_column_lists_the_columns(make_project, tmp_path):
    (tmp_path / "t.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"t.csv, line 1: there is no column 'text' \(columns: a, b\)"):
        do_import(make_project(), tmp_path / "t.csv")


def test_csv_row_with_wrong_field_count_names_its_line(make_project, tmp_path):
    (tmp_path / "t.csv").write_text("text,x\nنص,1\nآخر,2,3\n", encoding="utf-8")
    project = make_project()
    with pytest.raises(InputError, match=r"t.csv, line 3: 3 field\(s\), but the header has 2"):
        do_import(project, tmp_path / "t.csv")
    assert project.document_count() == 0
