import pytest

from annotator.core.model import DEFAULT_LABELS, DocStatus, Label, LabelSchema, text_sha256


def test_default_schema():
    assert [(s.name, s.hotkey) for s in DEFAULT_LABELS] == [("entity", "1"), ("claim", "2"), ("figure", "3")]
    assert len({s.color for s in DEFAULT_LABELS}) == 3


def test_specs_from_names_gives_hotkeys_in_order():
    specs = LabelSchema.specs_from_names(["PER", "LOC", "entity"])
    assert [(s.name, s.hotkey) for s in specs] == [("PER", "1"), ("LOC", "2"), ("entity", "3")]
    with pytest.raises(ValueError, match="twice"):
        LabelSchema.specs_from_names(["a", "a"])
    with pytest.raises(ValueError):
        LabelSchema.specs_from_names(["bad,name"])


def test_schema_lookup_and_uniqueness():
    schema = LabelSchema([Label(2, "claim", "#000000", "2", 2), Label(1, "entity", "#ffffff", "1", 1)])
    assert schema.names() == ["entity", "claim"]
    assert schema.by_hotkey("2").name == "claim"
    with pytest.raises(ValueError):
        LabelSchema([Label(1, "a", "#000000", "1", 1), Label(2, "b", "#000000", "1", 2)])


def test_status_parse():
    assert DocStatus.parse("in-progress") is DocStatus.IN_PROGRESS
    assert DocStatus.parse("DONE") is DocStatus.DONE
    with pytest.raises(ValueError):
        DocStatus.parse("finished")


def test_sha256_of_utf8():
    assert text_sha256("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
