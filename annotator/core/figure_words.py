"""The words of the figure grammar (annotator.core.figures), keyed by their folded form.

Written here as Arabic writes them; :func:`_keys` folds them the way the grammar folds the text
(harakat and tatweel gone, أ إ آ -> ا, ى -> ي, ؤ -> و, ئ -> ي, ة -> ه), so ``مائة`` and ``مئة``,
``ألفاً`` and ``الفا`` are found alike.
"""

from __future__ import annotations

from decimal import Decimal

from annotator.core.arabic import FoldOptions, fold

_FOLD = FoldOptions(hamza_seats=True, ta_marbuta=True)


def _k(word: str) -> str:
    return fold(word, _FOLD)[0]


def _keys(table: dict[str, object]) -> dict[str, object]:
    return {_k(word): value for word, value in table.items()}


def _set(words: str) -> frozenset[str]:
    return frozenset(_k(w) for w in words.split())


_UNITS = {
    1: "واحد واحدة واحدا",
    2: "اثنان اثنين اثنتان اثنتين اثنا اثني اثنتا اثنتي",
    3: "ثلاث ثلاثة تلات تلاتة",
    4: "أربع أربعة",
    5: "خمس خمسة",
    6: "ست ستة",
    7: "سبع سبعة",
    8: "ثمان ثماني ثمانية",
    9: "تسع تسعة",
    10: "عشر عشرة",
}
_TENS = {
    20: "عشرون عشرين", 30: "ثلاثون ثلاثين", 40: "أربعون أربعين", 50: "خمسون خمسين",
    60: "ستون ستين", 70: "سبعون سبعين", 80: "ثمانون ثمانين", 90: "تسعون تسعين",
}
_HUNDREDS = {
    100: "مئة مائة", 200: "مئتان مئتين مئتا مئتي مائتان مائتين مائتا مائتي",
    300: "ثلاثمئة ثلاثمائة", 400: "أربعمئة أربعمائة", 500: "خمسمئة خمسمائة", 600: "ستمئة ستمائة",
    700: "سبعمئة سبعمائة", 800: "ثمانمئة ثمانمائة ثمانيمئة", 900: "تسعمئة تسعمائة",
}
# Scale words: (scale, plural, value when alone). Alone, the singular is one (مليون دولار), the
# dual two (مليوني دولار); the plural (آلاف) and the accusative ألفا (a thousand, or the dual's
# construct form "two thousand ..."?) have no value alone.
_SCALES = {
    1_000: ("ألف", "ألفان ألفين ألفي", "آلاف ألوف الآلاف", "ألفا"),
    1_000_000: ("مليون", "مليونان مليونين مليوني", "ملايين الملايين", "مليونا"),
    1_000_000_000: ("مليار بليون", "ملياران مليارين ملياري بليونان بليونين", "مليارات بلايين المليارات",
                    "مليارا بليونا"),
    1_000_000_000_000: ("ترليون تريليون", "تريليونان تريليونين", "تريليونات", "تريليونا"),
}

NUMBER_WORDS: dict[str, tuple[str, object]] = {}
for value, words in _UNITS.items():
    NUMBER_WORDS.update({_k(w): ("U", value) for w in words.split()})
for value, words in _TENS.items():
    NUMBER_WORDS.update({_k(w): ("T", value) for w in words.split()})
for value, words in _HUNDREDS.items():
    NUMBER_WORDS.update({_k(w): ("H", value) for w in words.split()})
for scale, (one, two, plural, accusative) in _SCALES.items():
    d = Decimal(scale)
    NUMBER_WORDS.update({_k(w): ("S", (d, False, 1)) for w in one.split()})
    NUMBER_WORDS.update({_k(w): ("S", (d, False, 2)) for w in two.split()})
    NUMBER_WORDS.update({_k(w): ("S", (d, True, None)) for w in plural.split()})
    NUMBER_WORDS.update({_k(w): ("S", (d, False, None)) for w in accusative.split()})
# أحد إحدى are "one" only in أحد عشر / إحدى عشرة; alone they are "one of", "someone", Sunday.
NUMBER_WORDS.update({_k(w): ("ONE", 1) for w in "أحد إحدى".split()})
NUMBER_WORDS.update({_k("نصف"): ("FRAC", Decimal("0.5")), _k("ربع"): ("FRAC", Decimal("0.25"))})
NUMBER_WORDS.update({_k(w): ("VAGUE", None) for w in "عشرات مئات مئـات مئات العشرات المئات".split()})

# Proclitics a number word may carry (longest first): وب، ول، فب، ال ...
PROCLITICS_FOLDED = sorted({_k(p) for p in "و ف ب ل وب ول فب فل ال وال بال فال لل".split()},
                           key=len, reverse=True)

APPROX_BEFORE = _keys({w: True for w in "نحو زهاء قرابة حوالي حوالى تقريبا ما يقارب يقارب قرابه".split()})
APPROX_AFTER = _keys({w: True for w in "تقريبا تقريباً".split()})
BETWEEN = _keys({"بين": True, "مابين": True})
RANGE_TO = _set("إلى الى حتى لغاية")

PERCENT_WORDS = _set("بالمئة بالمائة بالمية بالمائه بالمئه")
PERCENT_AFTER_FI = _set("المئة المائة المية")

CURRENCIES = _set(
    "دولار دولارا دولارات الدولارات دولاراً يورو جنيه جنيها جنيهات دينار دينارا دنانير درهم درهما دراهم "
    "ريال ريالا ريالات ليرة ليرات شيكل شيقل شواكل باوند باوندات إسترليني فرنك روبل ين يوان"
)
COUNTRY_ADJECTIVES = _set(
    "أمريكي أميركي امريكي أمريكية أميركية سوري سورية ليبي أردني مصري مصرية كويتي سعودي عراقي إماراتي "
    "قطري لبنانية لبناني تونسي جزائري مغربي استرليني إسترليني تركية تركي إيراني"
)
MEASURES = _set(
    "طن طنا أطنان كيلومتر كيلومترا كيلومترات كم متر مترا أمتار م2 سنتيمتر سم ملم كيلوغرام كيلوغراما "
    "كيلو كغ غرام غراما لتر لترا لترات برميل برميلا براميل ميغاواط ميجاوات كيلوواط هكتار هكتارا دونم دونما "
    "ميل ميلا أميال قدم"
)
COUNTED = _set(
    "جندي جنديا جنود مقاتل مقاتلا مقاتلين شخص شخصا أشخاص قتيل قتيلا قتلى جريح جريحا جرحى لاجئ لاجئا "
    "لاجئين نازح نازحا نازحين طفل طفلا أطفال مدني مدنيا مدنيين مواطن مواطنا مواطنين عنصر عنصرا عناصر "
    "نسمة عامل عاملا عمال طالب طالبا طلاب منزل منزلا منازل سيارة سيارات مريض مريضا"
)

DATE_BEFORE = _keys({w: True for w in "عام العام سنة السنة عامي لعام الساعة ساعة رقم المادة مادة القرار قرار "
                     "الفقرة فقرة الصفحة صفحة ص العدد عدد بتاريخ تاريخ بيان البند بند الجدول جدول الشكل شكل "
                     "الرتبة المرتبة رتبة الجزء جزء المواد الحلقة".split()})
MONTHS = _keys({w: True for w in (
    "يناير فبراير مارس أبريل إبريل مايو يونيو يوليو أغسطس سبتمبر أكتوبر نوفمبر ديسمبر "
    "كانون شباط آذار نيسان أيار حزيران تموز آب أيلول تشرين").split()})
ERA_AFTER = _set("م هـ ه ق.م")
# An ordinal before a number word makes it part of the ordinal: الثامنة والعشرون, الثاني عشر.
ORDINALS = _set(
    "الأول الأولى الحادي الحادية الثاني الثانية الثالث الثالثة الرابع الرابعة الخامس الخامسة السادس السادسة "
    "السابع السابعة الثامن الثامنة التاسع التاسعة العاشر العاشرة ثاني ثالث رابع خامس سادس سابع ثامن تاسع عاشر"
)
