"""Grapheme clusters, the view's unit for clicks, carets and span edges (Qt-free)."""

from annotator.core.clusters import cluster_edges, is_ligature_part


def test_harakat_stay_with_their_letter():
    text = "كَتَبَ"  # three letters, each with a fatha
    assert cluster_edges(text) == [0, 2, 4, 6]


def test_emoji_sequences_and_skin_tones_are_one_cluster_each():
    text = "أ👍🏽😀"
    assert cluster_edges(text) == [0, 1, 3, 4]


def test_a_range_inside_the_text():
    text = "في الأمراض"
    assert cluster_edges(text, 3, 6) == [3, 4, 5, 6]
    assert cluster_edges(text, 4, 4) == [4]


def test_lrm_and_space_are_clusters_of_their_own_and_never_ligature_parts():
    text = "\u200eكلمة \u200eF-35"
    edges = cluster_edges(text)
    assert edges[:3] == [0, 1, 2]
    assert not is_ligature_part("\u200e") and not is_ligature_part(" ") and not is_ligature_part("\u064e")
    assert is_ligature_part("ا") and is_ligature_part("٣")
