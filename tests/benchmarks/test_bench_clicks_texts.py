"""bench_clicks measures four kinds of text; a clone without the shared corpus (a user's, CI's) makes
them from the bundled demo texts, so its smoke run in ``make test`` does not need ../shared."""

import re

from benchmarks import bench_clicks


def test_the_demo_texts_give_every_kind_its_trait(demo_only):
    kinds = bench_clicks.texts()
    assert kinds == bench_clicks.demo_texts()  # no shared corpus here: the demo texts are used
    assert set(kinds) == {"diacritised", "tweets", "lrm", "latin"}
    assert all(len(text) > 2_000 for text in kinds.values()), {k: len(v) for k, v in kinds.items()}
    assert re.search("[\u064b-\u0652]", kinds["diacritised"])  # harakat
    assert re.search("[٠-٩]", kinds["tweets"]) and any(e in kinds["tweets"] for e in bench_clicks.EMOJI)
    assert kinds["lrm"].count("\u200e") > 100
    assert all(re.search("[A-Za-z0-9]", line) for line in kinds["latin"].splitlines())
