"""WebAnno TSV 3.3 import: UTF-16 offsets (an emoji before the entities), multi-token and stacked
NamedEntity annotations, sub-tokens, multi-line sentences, other layers reported, bad input."""

from __future__ import annotations

import pytest
from hypothesis import given, strategies as st

from annotator.core.errors import InputError
from annotator.formats.webanno import split_stack, unescape
from fmt_helpers import do_import
from test_properties import SETTINGS, import_and_check

HEADER = ("#FORMAT=WebAnno TSV 3.3\n"
          "#T_SP=de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity|identifier|value\n"
          "#T_SP=webanno.custom.Topic|name\n\n\n")


def u16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def tsv(sentences) -> str:
    """sentences: [(sentence text lines, [(token, ne identifier cell, ne value cell, topic cell)])]; offsets
    computed in UTF-16 units, one line break between sentences."""
    out, position = [HEADER], 0
    for number, (lines, tokens) in enumerate(sentences, start=1):
        text = "\n".join(lines)
        out.extend(f"#Text={line}\n" for line in lines)
        at = 0
        for index, (token, ident, value, topic) in enumerate(tokens, start=1):
            found = text.index(token.split(".")[0] if "." in token else token, at)
            begin = position + u16(text[:found])
            out.append(f"{number}-{index}\t{begin}-{begin + u16(token)}\t{token}\t{ident}\t{value}\t{topic}\t\n")
            at = found + len(token)
        out.append("\n")
        position += u16(text) + 1
    return "".join(out)


SAMPLE = tsv([
    (["😀 زار محمد بن سلمان الرياض"], [("😀", "_", "_", "_"), ("زار", "_", "_", "_"),
                                      ("محمد", "*[1]|*", "PER[1]|PER", "_"), ("بن", "*[1]", "PER[1]", "_"),
                                      ("سلمان", "*[1]", "PER[1]", "_"), ("الرياض", "*", "LOC", "سفر")]),
    (["ذهب علي", "إلى جامعة الملك سعود."], [("ذهب", "_", "_", "_"), ("علي", "*", "*", "_"), ("إلى", "_", "_", "_"),
                                            ("جامعة", "*[2]", "ORG[2]", "_"), ("الملك", "*[2]", "ORG[2]", "_"),
                                            ("سعود", "*[2]", "ORG[2]", "_"), (".", "_", "_", "_")]),
])


def test_imports_named_entities_with_utf16_offsets(make_project, tmp_path):
    (tmp_path / "doc.tsv").write_text(SAMPLE, encoding="utf-8")
    project = make_project("p", coder="ali")
    report = do_import(project, tmp_path / "doc.tsv", "webanno")
    (doc,) = project.documents()
    text = project.document(doc.id).text
    assert text == "😀 زار محمد بن سلمان الرياض\nذهب علي\nإلى جامعة الملك سعود."
    got = [(text[s.start:s.end], project.labels().by_id(s.label_id).name) for s in project.spans(doc.id)]
    assert got == [("محمد", "PER"), ("محمد بن سلمان", "PER"), ("الرياض", "LOC"), ("جامعة الملك سعود", "ORG")]
    (warning,) = report.warnings
    assert "1 NamedEntity annotations without a value" in warning and "1 span annotations on Topic" in warning


def test_sub_tokens_and_escapes():
    assert split_stack(r"A[1]|B\|C") == ["A[1]", r"B\|C"] and unescape(r"B\|C\_") == "B|C_"
    assert unescape("\\\\") == "\\"


@pytest.mark.parametrize("mutate, message", [
    (lambda s: s.replace("#FORMAT=WebAnno TSV 3.3", "#FORMAT=WebAnno TSV 2"), "not WebAnno TSV 3"),
    (lambda s: s.replace("1-3\t", "1-3\tx"), "expected 'SENT-TOK<TAB>BEGIN-END<TAB>TOKEN"),
    (lambda s: s.replace("\tسفر\t", "\tسفر\textra\t"), "annotation column(s), but the headers declare 3"),
    (lambda s: s.replace("زار\t", "زور\t", 1), "is not the sentence's text at those offsets"),
])
def test_bad_tsv_names_the_line_and_changes_nothing(make_project, tmp_path, mutate, message):
    (tmp_path / "bad.tsv").write_text(mutate(SAMPLE), encoding="utf-8")
    project = make_project("p", coder="ali")
    with pytest.raises(InputError) as err:
        do_import(project, tmp_path / "bad.tsv", "webanno")
    assert message in str(err.value) and "bad.tsv" in str(err.value)
    assert project.document_count() == 0


@SETTINGS
@given(lines=st.lists(st.text(alphabet="1-2.\t_*[]|\\#=TextSPAB زر😀\n", max_size=40), max_size=8))
def test_arbitrary_tsv_imports_cleanly_or_fails_clearly(tmp_path, lines):
    payload = "#FORMAT=WebAnno TSV 3.3\n#T_SP=de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity|value\n" + \
        "\n".join(lines)
    import_and_check(tmp_path, "x.tsv", payload, fmt="webanno", coder="c", add_labels=True)
