import pytest
from hypothesis import given, strategies as st

from annotator.core.offsets import (
    Utf16Map,
    cluster_bounds,
    is_cluster_boundary,
    normalize_span,
    snap_to_clusters,
    trim_whitespace,
)

EMOJI = "\U0001F600"  # 😀: one code point, two UTF-16 units
FAMILY = "\U0001F468\u200d\U0001F469\u200d\U0001F467"  # ZWJ sequence: one grapheme, five code points
MATH = "\U0001EE00"  # ARABIC MATHEMATICAL ALEF


def utf16_len(s: str) -> int:
    return len(s.encode("utf-16-le")) // 2


def test_identity_map_for_bmp_text():
    text = "مرحبا بالعالم F-35"
    m = Utf16Map(text)
    assert m.is_identity
    assert [m.to_utf16(i) for i in range(len(text) + 1)] == list(range(len(text) + 1))
    assert m.from_utf16(5) == 5


@pytest.mark.parametrize("text", [f"a{EMOJI}b", f"{EMOJI}{EMOJI}", f"نص {MATH} نص", f"x{FAMILY}y", EMOJI])
def test_utf16_round_trip_matches_python_encoding(text):
    m = Utf16Map(text)
    assert m.utf16_length == utf16_len(text)
    for cp in range(len(text) + 1):
        unit = m.to_utf16(cp)
        assert unit == utf16_len(text[:cp])
        assert m.from_utf16(unit) == cp


def test_utf16_inside_surrogate_pair_rounds_down_or_up():
    text = f"a{EMOJI}b"
    m = Utf16Map(text)
    assert m.from_utf16(2) == 1  # between the two halves of the emoji
    assert m.from_utf16(2, round_up=True) == 2


def test_utf16_out_of_range_is_an_error():
    m = Utf16Map("abc")
    with pytest.raises(ValueError):
        m.to_utf16(4)
    with pytest.raises(ValueError):
        m.from_utf16(-1)


@given(st.text(alphabet=st.sampled_from(["a", "ب", EMOJI, MATH, "\u064e", " "]), max_size=40))
def test_utf16_map_property(text):
    m = Utf16Map(text)
    for cp in range(len(text) + 1):
        assert m.from_utf16(m.to_utf16(cp)) == cp
        assert m.to_utf16(cp) == utf16_len(text[:cp])


def test_harakat_stay_with_their_letter():
    word = "كَتَبَ"  # k-a-t-a-b-a: 6 code points, 3 graphemes
    assert cluster_bounds(word, 1) == (0, 2)
    assert snap_to_clusters(word, 1, 3) == (0, 4)
    assert not is_cluster_boundary(word, 1)
    assert is_cluster_boundary(word, 2)


def test_shadda_and_vowel_cluster():
    word = "مُحَمَّد"
    # the second meem with its fatha and shadda is one cluster of three code points
    start = word.index("\u0645", 1)
    assert cluster_bounds(word, start + 1) == (start, start + 3)


def test_emoji_and_zwj_sequences_are_not_split():
    text = f"ab{FAMILY}cd"
    assert snap_to_clusters(text, 3, 4) == (2, 2 + len(FAMILY))
    assert normalize_span(f"x{EMOJI}y", 1, 2) == (1, 2)


def test_trim_whitespace_includes_nbsp_and_newlines():
    text = " \u00a0 نص\n\n"
    assert trim_whitespace(text, 0, len(text)) == (3, 5)
    assert normalize_span(text, 0, len(text)) == (3, 5)
    assert normalize_span("   \u00a0\n", 0, 5) is None


def test_normalize_span_clamps_and_orders():
    assert normalize_span("abc", 5, -2) == (0, 3)
    assert normalize_span("abc", 2, 1) == (1, 2)


def test_normalize_span_on_diacritised_text(farasa_text):
    # a selection that starts on a mark and ends on a mark grows to whole letters
    text = farasa_text
    i = text.index(text.split()[6])  # الْبِرِيطَانِيَّةِ
    span = normalize_span(text, i + 2, i + 6)
    assert span is not None
    s, e = span
    assert s <= i + 2 and e >= i + 6
    assert is_cluster_boundary(text, s) and is_cluster_boundary(text, e)
    assert "\u064b" > text[s] or not ("\u064b" <= text[s] <= "\u0652")  # never starts with a haraka


def test_cluster_bounds_far_from_line_start():
    text = "ب" * 2000 + "\u064e" + "ت"
    assert cluster_bounds(text, 2000) == (1999, 2001)


def _true_clusters(text: str) -> list[tuple[int, int]]:
    import regex

    return [m.span() for m in regex.finditer(r"\X", text, flags=regex.DOTALL)]


# Spaces next to what UAX #29 binds across them: marks after a space join it, a Prepend character
# (U+0600 ARABIC NUMBER SIGN) before a space takes it, and CR LF, ZWJ, flags and emoji around them.
@given(st.text(alphabet=st.sampled_from([" ", " ", "ب", "a", "\u064e", "\u0651", "\u0600", "\u06dd", "\u200d",
                                         "\r", "\n", EMOJI, "\U0001F1F8", "\U0001F1E6", "\U0001F3FD", "\u0915",
                                         "\u094d"]), max_size=60))
def test_cluster_bounds_agree_with_segmenting_the_whole_text(text):
    """cluster_bounds starts segmenting at the last safe boundary before the position (a line
    start, a space not after a Prepend character): it must give what segmenting the whole text gives."""
    for start, end in _true_clusters(text):
        for pos in range(start, end):
            assert cluster_bounds(text, pos) == (start, end), (text, pos)


def test_a_space_after_a_prepend_character_belongs_to_its_cluster():
    text = "ب \u0600 ١٢"
    assert cluster_bounds(text, 3) == (2, 4)
    assert cluster_bounds(text, 2) == (2, 4)
