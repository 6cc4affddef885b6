"""Outputs: brat file names cut by bytes, exports and reports with an ordinary file's mode, partial
files of killed exports cleaned, terminal escapes kept off the terminal."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import textwrap

import pytest

from annotator.formats.filenames import safe_name
from annotator.launcher import main
from annotator.store import Project


@pytest.fixture
def project(tmp_path):
    path = tmp_path / "p.annot"
    with Project.create(path, coder="ann") as p:
        for title in ("😀" * 90 + " عنوان طويل جدا", "ع" * 140, "قصير"):
            doc = p.add_document(title, f"نص الوثيقة {title[-5:]}")
            p.add_span(doc.id, p.coder("ann").id, p.labels().by_name("entity").id, 0, 2)
            p.set_status(doc.id, p.coder("ann").id, "done")
    return path


def test_brat_names_of_long_multibyte_titles_are_cut_by_bytes(project, tmp_path):
    out = tmp_path / "brat"
    assert main(["export", str(project), "--format", "brat", "-o", str(out)]) == 0
    names = sorted(p.name for p in out.iterdir())
    assert len(names) == 6 and all(len(n.encode()) <= 255 for n in names), [len(n.encode()) for n in names]
    assert len(safe_name("😀" * 90).encode()) <= 200


@pytest.mark.parametrize("mask", [0o022, 0o002, 0o077])
def test_exports_and_reports_get_an_ordinary_files_mode(project, tmp_path, mask):
    old = os.umask(mask)
    try:
        out, report, brat = tmp_path / "x.jsonl", tmp_path / "r.html", tmp_path / "b"
        with Project.open(project) as p:
            p.ensure_coder("bob")
        assert main(["export", str(project), "-o", str(out)]) == 0
        assert main(["export", str(project), "--format", "brat", "-o", str(brat)]) == 0
        main(["agreement", str(project), "--format", "json", "-o", str(report)])
    finally:
        os.umask(old)
    assert stat.S_IMODE(out.stat().st_mode) == 0o666 & ~mask
    assert stat.S_IMODE(brat.stat().st_mode) == 0o777 & ~mask
    if report.exists():
        assert stat.S_IMODE(report.stat().st_mode) == 0o666 & ~mask


def test_a_replaced_export_keeps_the_files_mode(project, tmp_path):
    out = tmp_path / "x.jsonl"
    out.write_text("old")
    os.chmod(out, 0o640)
    assert main(["export", str(project), "-o", str(out)]) == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o640 and out.read_text() != "old"


def test_a_killed_exports_partial_file_is_cleaned_on_the_next_run(project, tmp_path):
    out = tmp_path / "x.jsonl"
    child = textwrap.dedent(f"""
        import os, signal
        from annotator.formats import atomic
        with atomic.atomic_text_file(__import__("pathlib").Path({str(out)!r})) as fh:
            fh.write("half")
            os.kill(os.getpid(), signal.SIGKILL)
    """)
    subprocess.run([sys.executable, "-c", child])
    leftovers = [p for p in tmp_path.iterdir() if p.name.startswith(".x.jsonl.") and p.name.endswith(".partial")]
    assert len(leftovers) == 1
    assert main(["export", str(project), "-o", str(out)]) == 0
    assert [p for p in tmp_path.iterdir() if p.name.endswith(".partial")] == []


def test_terminal_escapes_never_reach_a_terminal(tmp_path):
    path = tmp_path / "p.annot"
    with Project.create(path, coder="bob\x1b]0;pwned\x07\x1b[2J") as p:
        p.add_document("ع", "نص")
    code = ("import pty, os, sys\n"
            "pid, fd = pty.fork()\n"
            "if pid == 0:\n"
            f"    os.execv(sys.executable, [sys.executable, '-m', 'annotator', 'stats', {str(path)!r}])\n"
            "out = b''\n"
            "while True:\n"
            "    try:\n"
            "        chunk = os.read(fd, 4096)\n"
            "    except OSError:\n"
            "        break\n"
            "    if not chunk:\n"
            "        break\n"
            "    out += chunk\n"
            "sys.stdout.write(out.hex())\n")
    shown = bytes.fromhex(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                                         timeout=60).stdout)
    assert b"bob\\x1b]0;pwned\\x07" in shown, shown  # shown as text
    assert b"\x1b" not in shown and b"\x07" not in shown, shown  # never sent as control characters
