"""How much a suggestion saves: the keystrokes a coder needs to annotate ANERCorp sentences from
scratch and from the model's suggestions, typed into the real window (offscreen) and checked.

    .venv/bin/python scripts/keystrokes_anercorp.py FOLDER [--limit N]

FOLDER is what ``scripts/suggest_anercorp.py --keep FOLDER`` left: the project whose last 225
sentences (not trained on) hold the model's suggestions, with their gold spans in the corpus.
Two new coders annotate every one of those sentences until their layer equals the gold exactly:

- ``scratch`` by keys only: caret moves (arrows, Ctrl+arrows by word), selection (Shift and
  Ctrl+Shift+arrows, which take whole words), then the label's key;
- ``suggested`` the same way for the gold spans no suggestion has, and for the others Alt+Down to
  the suggestion (each press passes over one wrong suggestion) then Alt+Enter, or Alt+<label key>
  when the range is right and the label wrong. Wrong suggestions are passed over, not rejected
  (a rejection costs one more key and changes nothing in the coder's layer).

The caret and selection keys for each span are the fewest that produce exactly its range (moves
to a place near it, then Shift keys): breadth-first searches over the view's own motion rules (``core.tokens.next_token_edge``,
``snap_to_tokens``, ``cluster_bounds``, as ``DocumentView._move_key`` uses them). Each planned key
is then sent to the real view with QTest, and the view's selection after it must be the planned
one (the plan is checked, not trusted); at the end the coder's spans in the file must equal the
gold. A chord (Ctrl+Shift+Left) counts as one keystroke. Opening the document and marking it
done are the same in both ways and not counted.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections import deque
from functools import lru_cache
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from annotator.core.offsets import cluster_bounds, normalize_span  # noqa: E402
from annotator.core.tokens import next_token_edge, snap_to_tokens  # noqa: E402
from annotator.store import Project  # noqa: E402

CORPUS = Path("/work/shared/corpus/anercorp_camellab/ANERCorp_CamelLab_test.spans.jsonl")
C, S, CS = Qt.ControlModifier, Qt.ShiftModifier, Qt.ControlModifier | Qt.ShiftModifier
# (name, Qt key, modifiers); right to left: Left goes forward in the text
MOVES = [("Left", Qt.Key_Left, Qt.NoModifier), ("Right", Qt.Key_Right, Qt.NoModifier),
         ("Ctrl+Left", Qt.Key_Left, C), ("Ctrl+Right", Qt.Key_Right, C),
         ("Shift+Left", Qt.Key_Left, S), ("Shift+Right", Qt.Key_Right, S),
         ("Ctrl+Shift+Left", Qt.Key_Left, CS), ("Ctrl+Shift+Right", Qt.Key_Right, CS)]


@lru_cache(maxsize=2_000_000)
def step(text: str, anchor: int, caret: int, name: str) -> tuple[int, int]:
    """What the view does with one caret key (a replica of ``DocumentView._move_key``, snapping on)."""
    forward = name.endswith("Left")
    shift, ctrl = "Shift" in name, "Ctrl" in name
    n = len(text)
    if ctrl:
        pos = next_token_edge(text, caret, 1 if forward else -1)
    elif forward:
        pos = cluster_bounds(text, caret)[1] if caret < n else caret
    else:
        pos = cluster_bounds(text, caret - 1)[0] if caret > 0 else 0
    if ctrl and shift:
        start, end = snap_to_tokens(text, min(anchor, pos), max(anchor, pos))
        if start >= end:
            return pos, pos
        return (start, end) if pos >= anchor else (end, start)
    pos = max(0, min(n, pos))
    return (anchor if shift else pos), pos


NAV = [m[0] for m in MOVES if "Shift" not in m[0]]
SEL = [m[0] for m in MOVES if "Shift" in m[0]]


@lru_cache(maxsize=1_000_000)
def _labels(text: str, a: int, c: int) -> tuple[int, int] | None:
    return normalize_span(text, min(a, c), max(a, c)) if a != c else None


def _bfs(text: str, start: tuple[int, int], names: list[str], done, depth: int = 10_000):
    """Breadth-first over (anchor, caret) with ``names`` keys, at most ``depth`` of them;
    ``done(state)`` ends it. Returns ``{state: (previous state, key)}`` and the state that was
    done (or None)."""
    seen = {start: None}
    queue = deque([(start, 0)])
    while queue:
        state, d = queue.popleft()
        if done(state):
            return seen, state
        if d >= depth:
            continue
        for name in names:
            nxt = step(text, *state, name)
            if nxt not in seen:
                seen[nxt] = (state, name)
                queue.append((nxt, d + 1))
    return seen, None


def _path(seen, state) -> list[str]:
    keys = []
    while seen[state] is not None:
        state, name = seen[state]
        keys.append(name)
    return keys[::-1]


def plan(text: str, anchor: int, caret: int, goal: tuple[int, int]) -> list[str]:
    """The fewest caret keys from (anchor, caret) to a selection that labels exactly ``goal``: moves
    without Shift to some place (a key without Shift drops the selection), then keys with Shift.
    Only places near the goal are tried as the selection's anchor (from a token before it to a
    token after it): selecting from farther away never takes fewer keys."""
    def labels_goal(state):
        return _labels(text, *state) == goal

    best: list[str] | None = None
    seen, hit = _bfs(text, (anchor, caret), SEL, labels_goal, depth=12)  # extend what is selected
    if hit is not None:
        best = _path(seen, hit)
    lo = next_token_edge(text, goal[0], -1)
    hi = next_token_edge(text, goal[1], 1)
    places = range(max(0, lo - 1), min(len(text), hi + 1) + 1)
    nav, _ = _bfs(text, (anchor, caret), NAV, lambda s: False)
    for p in places:
        if (p, p) not in nav:
            continue
        to_here = _path(nav, (p, p))
        if best is not None and len(to_here) >= len(best):
            continue
        room = (len(best) - len(to_here) - 1) if best is not None else 40
        sel, hit = _bfs(text, (p, p), SEL, labels_goal, depth=room)
        if hit is None:
            continue
        keys = to_here + _path(sel, hit)
        if best is None or len(keys) < len(best):
            best = keys
    if best is None:
        raise RuntimeError(f"no key path to {goal} in {text!r}")
    return best


class Typist:
    def __init__(self, window) -> None:
        self.window, self.view = window, window.view
        self.keys = 0

    def press(self, key, mods=Qt.NoModifier) -> None:
        QTest.keyClick(self.view, key, mods)
        self.keys += 1

    def state(self) -> tuple[int, int]:
        return self.view._anchor, self.view._caret

    def label(self, text: str, goal: tuple[int, int], hotkey: str) -> None:
        a, c = self.state()
        for name in plan(text, a, c, goal):
            expected = step(text, *self.state(), name)
            _, key, mods = next(m for m in MOVES if m[0] == name)
            self.press(key, mods)
            if self.state() != expected:
                raise AssertionError(f"{name}: the view went to {self.state()}, the plan said {expected}")
        self.press(getattr(Qt, f"Key_{hotkey}"))


def annotate(window, doc_id: int, text: str, gold: set, hotkeys: dict, *, suggestions: bool) -> dict:
    window.open_document(doc_id)
    QApplication.processEvents()
    t = Typist(window)
    t.view.select_range(0, 0)
    ctl = window.suggest
    by_range = {}
    if suggestions:
        for s in ctl.suggestions:
            by_range.setdefault((s.start, s.end), s)
    label_of = {(s, e): lab for s, e, lab in gold}
    accepted = relabelled = typed = 0
    for (start, end), lab in sorted(label_of.items()):
        s = by_range.get((start, end))
        if s is not None and any(x.id == s.id for x in ctl.suggestions):
            for _ in range(len(ctl.suggestions) + 1):
                if ctl.current is not None and ctl.current.id == s.id:
                    break
                t.press(Qt.Key_Down, Qt.AltModifier)
            else:
                raise AssertionError("Alt+Down never reached the suggestion")
            suggested = window.editor.schema.by_id(s.label_id).name
            if suggested == lab:
                t.press(Qt.Key_Return, Qt.AltModifier)
                accepted += 1
            else:
                t.press(getattr(Qt, f"Key_{hotkeys[lab]}"), Qt.AltModifier)
                relabelled += 1
        else:
            t.label(text, (start, end), hotkeys[lab])
            typed += 1
    return {"keys": t.keys, "accepted": accepted, "relabelled": relabelled, "typed": typed}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("folder")
    parser.add_argument("--limit", type=int, default=0, help="only the first N unfinished sentences")
    parser.add_argument("--train", type=int, default=700)
    args = parser.parse_args()
    records = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines()]
    gold_of = {r["id"]: {(s["start"], s["end"], s["label"]) for s in r["spans"]} for r in records[args.train:]}
    import tempfile

    from PySide6.QtCore import QSettings

    private = Path(tempfile.mkdtemp(prefix="keystrokes-"))  # never the user's settings or records
    os.environ["ANNOTATOR_STATE_DIR"] = str(private)
    QSettings.setDefaultFormat(QSettings.IniFormat)
    QSettings.setPath(QSettings.IniFormat, QSettings.UserScope, str(private))
    app = QApplication.instance() or QApplication(sys.argv)
    from annotator.ui.fonts import load_fonts
    from annotator.ui.main_window import MainWindow

    load_fonts()
    import shutil

    path = private / "anercorp.annot"  # a copy: the kept project stays as suggest_anercorp.py left it
    shutil.copyfile(Path(args.folder) / "anercorp.annot", path)
    totals = {}
    started = time.perf_counter()
    with Project.open(path, backup=False) as project:
        hotkeys = {label.name: label.hotkey for label in project.labels()}
        docs = [d for d in project.documents() if d.external_id in gold_of]
        if args.limit:
            docs = docs[: args.limit]
        for mode in ("scratch", "suggested"):
            coder = project.ensure_coder(mode)
            window = MainWindow(project, coder)
            window.show()
            QApplication.processEvents()
            window.view.setFocus()
            sums = {"keys": 0, "accepted": 0, "relabelled": 0, "typed": 0, "docs": 0, "spans": 0}
            for info in docs:
                text = project.document(info.id).text
                gold = gold_of[info.external_id]
                got = annotate(window, info.id, text, gold, hotkeys, suggestions=mode == "suggested")
                names = {label.id: label.name for label in project.labels()}
                layer = {(s.start, s.end, names[s.label_id]) for s in project.spans(info.id, coder.id)}
                if layer != gold:
                    raise AssertionError(f"{info.external_id}: the {mode} layer is not the gold: "
                                         f"missing {sorted(gold - layer)}, extra {sorted(layer - gold)}")
                for k, v in got.items():
                    sums[k] += v
                sums["docs"] += 1
                sums["spans"] += len(gold)
            window.close()
            window.deleteLater()
            QApplication.processEvents()
            totals[mode] = sums
    took = time.perf_counter() - started
    a, b = totals["scratch"], totals["suggested"]
    print(f"{a['docs']} sentences, {a['spans']} gold spans, both layers equal to the gold ({took:.0f} s)")
    print(f"from scratch:     {a['keys']:>6} keys ({a['keys'] / a['spans']:.2f} per span, {a['keys'] / a['docs']:.2f} per sentence)")
    print(f"from suggestions: {b['keys']:>6} keys ({b['keys'] / b['spans']:.2f} per span, {b['keys'] / b['docs']:.2f} per sentence): "
          f"{b['accepted']} accepted, {b['relabelled']} accepted with another label, {b['typed']} typed")
    print(f"saved: {a['keys'] - b['keys']} keys, {100 * (a['keys'] - b['keys']) / a['keys']:.1f} %")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
