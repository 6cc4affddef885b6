"""The figure grammar: a table of cases (text -> span, low, high, unit, approx), what it refuses,
and figures of real sentences (tests/fixtures/text/wojood_figures.jsonl, MIT)."""

import json
from decimal import Decimal
from pathlib import Path

import pytest

from annotator.core.figures import find_figures, parse_digits

FIXTURES = Path(__file__).parents[1] / "fixtures" / "text"

# text, the figure's text, low, high, unit, approx, kind
CASES = [
    ("قتل 500 جندي", "500", 500, 500, "جندي", False, "number"),
    ("نحو 500 إلى 750 مقاتل", "500 إلى 750", 500, 750, "مقاتل", True, "number"),
    ("زهاء ثلاثمئة شخص", "ثلاثمئة", 300, 300, "شخص", True, "number"),
    ("قرابة ٤٠٠ لاجئ", "٤٠٠", 400, 400, "لاجئ", True, "number"),
    ("حوالى 50 دولارا", "50 دولارا", 50, 50, "دولارا", True, "money"),
    ("بين 3 و5 ملايين دولار", "3 و5 ملايين دولار", 3_000_000, 5_000_000, "دولار", False, "money"),
    ("بين ثلاثة وخمسة أيام", "ثلاثة وخمسة", 3, 5, None, False, "number"),
    ("من 20 % إلى 30 %", "20 % إلى 30 %", 20, 30, "%", False, "percent"),
    ("3 - 5 أطنان", "3 - 5 أطنان", 3, 5, "أطنان", False, "quantity"),
    ("نصف مليون دولار إلى مليوني دولار", "نصف مليون دولار إلى مليوني دولار", 500_000, 2_000_000, "دولار", False, "money"),
    ("٢٫٥ مليون دولار", "٢٫٥ مليون دولار", 2_500_000, 2_500_000, "دولار", False, "money"),
    ("۱۲۳ کیلومتر", "۱۲۳", 123, 123, None, False, "number"),
    ("١٬٢٥٠ طنا", "١٬٢٥٠ طنا", 1250, 1250, "طنا", False, "quantity"),
    ("1,500 طن", "1,500 طن", 1500, 1500, "طن", False, "quantity"),
    ("1,234.5 متر", "1,234.5 متر", 1234.5, 1234.5, "متر", False, "quantity"),
    ("3.5 مليار", "3.5 مليار", 3_500_000_000, 3_500_000_000, None, False, "number"),
    ("ارتفع بنسبة 20 %", "20 %", 20, 20, "%", False, "percent"),
    ("و20 بالمئة منهم", "و20 بالمئة", 20, 20, "%", False, "percent"),
    ("15 في المائة", "15 في المائة", 15, 15, "%", False, "percent"),
    ("٣٥٪ من الأصوات", "٣٥٪", 35, 35, "%", False, "percent"),
    ("خمسة وعشرون ألفاً", "خمسة وعشرون ألفاً", 25_000, 25_000, None, False, "number"),
    ("ثلاثة آلاف وخمسمئة", "ثلاثة آلاف وخمسمئة", 3500, 3500, None, False, "number"),
    ("مليون وأربعمائة ألف نسمة", "مليون وأربعمائة ألف", 1_400_000, 1_400_000, "نسمة", False, "number"),
    ("مئة وخمسة وعشرين", "مئة وخمسة وعشرين", 125, 125, None, False, "number"),
    ("أحد عشر لاعبا", "أحد عشر", 11, 11, None, False, "number"),
    ("ثلاث مئة", "ثلاث مئة", 300, 300, None, False, "number"),
    ("مئتين وخمسين", "مئتين وخمسين", 250, 250, None, False, "number"),
    ("مليوني دولار", "مليوني دولار", 2_000_000, 2_000_000, "دولار", False, "money"),
    ("ألفين", "ألفين", 2000, 2000, None, False, "number"),
    ("مليون دولار", "مليون دولار", 1_000_000, 1_000_000, "دولار", False, "money"),
    ("60 مليون دولار أمريكي", "60 مليون دولار أمريكي", 60_000_000, 60_000_000, "دولار أمريكي", False, "money"),
    ("بستة شوالات", "بستة", 6, 6, None, False, "number"),
    ("الثلاث", "الثلاث", 3, 3, None, False, "number"),
    ("ثلاثة وأربعين مليون نسمة تقريبا", "ثلاثة وأربعين مليون", 43_000_000, 43_000_000, "نسمة", True, "number"),
    ("3 إلى 5 ملايين", "3 إلى 5 ملايين", 3_000_000, 5_000_000, None, False, "number"),
    ("مِائَةٌ وَأَرْبَعُونَ", "مِائَةٌ وَأَرْبَعُونَ", 140, 140, None, False, "number"),
    ("عشـــرون", "عشـــرون", 20, 20, None, False, "number"),
]

# Figures without a value: a number is there, what it is worth the text does not say for sure.
UNVALUED = [
    ("آلاف اللاجئين", "آلاف"),
    ("عشرات القتلى", "عشرات"),
    ("مئات المنازل", "مئات"),
    ("ملايين الدولارات", "ملايين الدولارات"),  # money, how much unsaid
    ("3,5 مليون", "3,5 مليون"),  # a decimal comma, or a list?
    ("1.500 دولار", "1.500 دولار"),  # a decimal, or thousands the European way?
    ("ألفا جندي", "ألفا"),  # two thousand (construct dual) or a thousand (accusative)?
    ("بين 9 و5 آلاف", "9 و5 آلاف"),  # 9,000 is more than 5,000: not a range we trust
]

# Not figures at all.
NONE = ["في عام 2011", "طائرة F16", "15 آذار", "بتاريخ ( 8 / 5 / 1967 )", "الساعة 10", "حرب 1948",
        "المادة ( 46 )", "يوم الأحد قال أحد الحراس", "الثامنة والعشرون", "في نهاية الألف الثاني قبل الميلاد", "رقم 5", "2011م", "10:30"]


@pytest.mark.parametrize("text, span, low, high, unit, approx, kind", CASES)
def test_table_of_cases(text, span, low, high, unit, approx, kind):
    figs = find_figures(text)
    if span is None:
        assert all(f.value is None or text[f.start:f.end] != "١٥" for f in figs)
        return
    assert len(figs) == 1, [(text[f.start:f.end], f.value) for f in figs]
    fig = figs[0]
    assert text[fig.start:fig.end] == span
    assert fig.value is not None
    assert (fig.value.low, fig.value.high, fig.value.unit, fig.value.approx, fig.kind) == (low, high, unit, approx, kind)


@pytest.mark.parametrize("text, span", UNVALUED)
def test_figures_without_a_value_are_unvalued_never_guessed(text, span):
    figs = find_figures(text)
    assert [(text[f.start:f.end], f.value) for f in figs] == [(span, None)]


@pytest.mark.parametrize("text", NONE)
def test_dates_names_references_and_ordinals_are_not_figures(text):
    assert find_figures(text) == []


def test_parse_digits_separators():
    assert parse_digits("1,000,000") == Decimal(1_000_000)
    assert parse_digits("1.000.000") == Decimal(1_000_000)
    assert parse_digits("1.234,5") == Decimal("1234.5")
    assert parse_digits("٣٫١٤") == Decimal("3.14")
    assert parse_digits("۲۵") == Decimal(25)
    for ambiguous in ("3,5", "1.500", "1,2,3", "12,34", "1٫5.2", "1,000.5.3"):
        assert parse_digits(ambiguous) is None, ambiguous


def test_figures_of_real_sentences():
    docs = {d["id"]: d["text"] for d in map(json.loads, (FIXTURES / "wojood_figures.jsonl").read_text(encoding="utf-8").splitlines())}

    def values(doc_id):
        text = docs[doc_id]
        return [(text[f.start:f.end], f.value.low if f.value else None, f.value.high if f.value else None)
                for f in find_figures(text)]

    assert ("60 مليون دولار أمريكي", 60_000_000, 60_000_000) in values("wojood-train-00792")
    assert ("25 ألف ليرة سورية", 25_000, 25_000) in values("wojood-test-00134")
    assert ("50 دولارا", 50, 50) in values("wojood-test-00134")
    assert ("نصف مليون دولار إلى مليوني دولار", 500_000, 2_000_000) in values("wojood-train-00668")
    assert ("ستة وثلاثين مليون وأربعمائة ألف", 36_400_000, 36_400_000) in values("wojood-train-00086")
    assert ("ألفين إلى 4 آلاف", 2000, 4000) in values("wojood-val-00067")
    assert ("و20 بالمئة", 20, 20) in values("wojood-train-00131")
    assert ("مائة وأربعون", 140, 140) in values("wojood-test-00056")
    assert values("wojood-test-00332") == []  # رقم 38 / 67 بتاريخ ( 8 / 5 / 1967 ): references and a date
    text = docs["wojood-test-00212"]
    assert [text[f.start:f.end] for f in find_figures(text)] == ["10000", "59 %"]  # not 1 يناير, 1 مايو, 2019
