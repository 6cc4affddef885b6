from annotator.core.arabic import FoldOptions, Searcher, find_all, fold, strip_marks


def slices(text, query, **kw):
    return [text[s:e] for s, e in find_all(text, query, FoldOptions(**kw) if kw else FoldOptions())]


def test_harakat_are_ignored_and_kept_in_the_match():
    text = "ذَهَبَ إِلَى الْمَدْرَسَةِ"
    assert slices(text, "المدرسة") == ["الْمَدْرَسَةِ"]
    assert slices(text, "ذهب") == ["ذَهَبَ"]


def test_query_with_harakat_matches_bare_text():
    assert slices("ذهب الولد", "ذَهَبَ") == ["ذهب"]


def test_tatweel_is_ignored():
    assert slices("جمـــيل جدا", "جميل") == ["جمـــيل"]


def test_alef_forms_unified():
    text = "أحمد وإبراهيم وآمنة واحمد"
    assert slices(text, "احمد") == ["أحمد", "احمد"]
    assert slices(text, "ابراهيم") == ["إبراهيم"]
    assert slices(text, "امنة") == ["آمنة"]


def test_alef_maqsura_and_ya():
    assert slices("ذهب إلى البيت", "الي") == ["إلى"]
    assert slices("على", "علي") == ["على"]


def test_ta_marbuta_only_on_request():
    text = "مدرسه مدرسة"
    assert slices(text, "مدرسة") == ["مدرسة"]
    assert slices(text, "مدرسة", ta_marbuta=True) == ["مدرسه", "مدرسة"]


def test_hamza_seats_on_request():
    text = "مسئول مسيول سؤال سوال"
    assert slices(text, "مسيول") == ["مسيول"]
    assert slices(text, "مسيول", hamza_seats=True) == ["مسئول", "مسيول"]
    assert slices(text, "سوال", hamza_seats=True) == ["سؤال", "سوال"]


def test_latin_case_insensitive_and_offsets_are_original():
    text = "طائرة f-35 وطائرة F-35"
    found = find_all(text, "F-35")
    assert [text[s:e] for s, e in found] == ["f-35", "F-35"]
    assert found[0] == (text.index("f-35"), text.index("f-35") + 4)


def test_offsets_are_exact_with_emoji_before_the_match():
    text = "😀 نَصٌّ عربي"
    (s, e), = find_all(text, "نص")
    assert text[s:e] == "نَصٌّ"
    assert s == 2


def test_fold_map_points_back_to_original():
    text = "كَتَبَ"
    folded, origin = fold(text)
    assert folded == "كتب"
    assert origin == [0, 2, 4]


def test_empty_query_finds_nothing():
    assert find_all("نص", "") == []
    assert find_all("نص", "\u064e") == []


def test_searcher_reuses_fold(farasa_text=None):
    text = "الْعِلْمُ نُورٌ وَالْعِلْمُ قُوَّةٌ"
    searcher = Searcher(text)
    assert [text[s:e] for s, e in searcher.find_all("العلم")] == ["الْعِلْمُ", "الْعِلْمُ"]
    assert searcher.find_all("قوه") == []


def test_strip_marks():
    assert strip_marks("كَتَبَ") == "كتب"
