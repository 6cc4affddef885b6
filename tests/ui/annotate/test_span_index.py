"""The paragraph index behind the highlighter (Qt-free)."""

from annotator.ui.annotate.span_index import SpanIndex, block_starts, display_text, segments


def row(span_id, start, end, coder=1, label=1):
    return (span_id, coder, label, start, end, None)


TEXT = "أولى فقرة\nالثانية هنا\r\nثالثة"


def test_blocks_follow_every_break_qt_makes_and_display_text_keeps_positions():
    assert block_starts(TEXT) == [0, 10, 22, 23]  # CRLF shown as two breaks: positions stay one to one
    assert len(display_text(TEXT)) == len(TEXT) and "\r" not in display_text(TEXT)
    assert block_starts("a\u2029b") == [0, 2]


def test_add_and_remove_report_the_paragraphs_touched():
    index = SpanIndex(TEXT, [row(1, 0, 4)], mine=1)
    assert index.add(row(2, 5, 15)) == range(0, 2)  # crosses the first break
    assert [r[0] for r in index.in_block(0)] == [1, 2] and [r[0] for r in index.in_block(1)] == [2]
    assert index.remove(2) == range(0, 2)
    assert index.in_block(1) == [] and index.label_counts[1] == 1


def test_at_returns_innermost_first_and_counts_only_mine():
    index = SpanIndex(TEXT, [row(1, 0, 9), row(2, 5, 9, coder=2), row(3, 0, 4, label=2)], mine=1)
    assert [r[0] for r in index.at(2)] == [3, 1]
    assert [r[0] for r in index.at(6)] == [2, 1]
    assert [r[0] for r in index.at(6, only_mine=True)] == [1]
    assert dict(index.label_counts) == {1: 1, 2: 1}
    index.drop_others()
    assert 2 not in index.spans


def test_replace_covers_old_and_new_extents():
    index = SpanIndex(TEXT, [row(1, 0, 4)], mine=1)
    assert index.replace(row(1, 11, 15)) == range(0, 2)
    assert index.at(1) == [] and index.at(12)[0][3] == 11


def test_segments_cut_overlaps_into_constant_pieces():
    rows = [row(1, 0, 6), row(2, 3, 9), row(3, 4, 5)]
    pieces = [(a, b, [r[0] for r in cover]) for a, b, cover in segments(rows, 0, 10)]
    assert pieces == [(0, 3, [1]), (3, 4, [1, 2]), (4, 5, [3, 1, 2]), (5, 6, [1, 2]), (6, 9, [2])]
    assert segments([row(1, 0, 20)], 5, 8) == [(5, 8, [row(1, 0, 20)])]  # clipped to the paragraph


def test_a_whole_document_at_once_indexes_as_one_span_at_a_time():
    """The fast path for a document's spans ordered by start (each paragraph's list made when it is
    first asked for) gives the same index as adding them one by one: spans over paragraph breaks
    included, a span over most of the text among them, and spans removed or added before their
    paragraphs were ever asked for."""
    import random

    rng = random.Random(3)
    for trial in range(100):
        n = rng.randrange(50, 3000)
        text = "".join(rng.choice("ab \n") for _ in range(n))
        rows = []
        for i in range(rng.randrange(65, 400)):
            s = rng.randrange(n - 1)
            longest = n if rng.random() < 0.01 else 30  # now and then one over many paragraphs
            rows.append((i + 1, rng.choice((1, 2)), rng.choice((5, 6, 7)), s, rng.randrange(s + 1, min(n, s + longest) + 1), None))
        rows.sort(key=lambda r: r[3])
        fast = SpanIndex(text, rows, mine=1)
        slow = SpanIndex(text, mine=1)
        for row in rows:
            slow.add(row)
        blocks = range(len(fast.starts))
        if trial % 2:  # changes first, then the questions
            for row in rng.sample(rows, 10):
                assert fast.remove(row[0]) == slow.remove(row[0])
            extra = (10_000, 1, 5, 0, n, None)
            assert fast.add(extra) == slow.add(extra)
        for b in rng.sample(blocks, len(blocks)):  # asked in any order
            assert fast.in_block(b) == slow.in_block(b), b
        pos = rng.randrange(n)
        assert fast.at(pos) == slow.at(pos)
        assert fast.by_block == slow.by_block
        assert fast.spans == slow.spans and +fast.label_counts == +slow.label_counts
