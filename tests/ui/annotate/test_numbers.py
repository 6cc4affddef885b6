"""Numbers typed into the Attributes panel (issue 16): the digits and separators Arabic text uses."""

import pytest

from annotator.ui.annotate.numbers import describe_value, format_number, parse_number


@pytest.mark.parametrize("typed,value", [
    ("12", 12), ("٣٫٥", 3.5), ("۱۲۰", 120), ("1,500", 1500), ("١٬٥٠٠", 1500), ("  7.25 ", 7.25), ("", None),
    ("-3", -3), ("2.0", 2.0),
])
def test_parse_number(typed, value):
    got = parse_number(typed)
    assert got == value and type(got) is type(value)


@pytest.mark.parametrize("typed", ["abc", "12 ألف", "1.2.3", "inf", "nan"])
def test_parse_number_refuses_what_is_not_a_number(typed):
    with pytest.raises(ValueError):
        parse_number(typed)


def test_describe_value_isolates_numbers_and_unit():
    assert describe_value(None) == "—"
    assert describe_value({"low": 500, "high": 750, "unit": "جندي", "approx": True}) == \
        "\u2066500–750\u2069 \u2068جندي\u2069 ≈"
    assert format_number(3.0) == "3" and format_number(None) == ""
