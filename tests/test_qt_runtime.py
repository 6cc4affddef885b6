"""Guards for the Qt runtime this app ships with (DESIGN.md section 4).

PySide6 6.12.0 on Python 3.11.7 aborts the interpreter ("Fatal Python error: none_dealloc") after a
few thousand calls to methods that return None. pyproject.toml pins PySide6 below 6.12 on Python
3.11; this test would catch the crash if a pin or an upgrade ever brought such a pair back. It
was checked to fail (exit 134, SIGABRT) with 6.12.0 on 3.11.7 and to pass with 6.12.0 on 3.12.1.
"""

import subprocess
import sys
import textwrap

PROBE = textwrap.dedent("""
    import os
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtWidgets import QApplication, QLabel, QPlainTextEdit
    app = QApplication([])
    edit = QPlainTextEdit()
    edit.setPlainText("نص عربي " * 200)
    label = QLabel()
    for i in range(20000):
        label.setText(str(i))            # returns None
        edit.setReadOnly(i % 2 == 0)     # returns None
        cursor = edit.textCursor()
        cursor.setPosition(i % 1000)
        edit.setTextCursor(cursor)       # returns None
    print("survived")
""")


def test_many_none_returning_calls_do_not_abort_the_interpreter():
    result = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, f"exit {result.returncode}: {result.stderr[-800:]}"
    assert result.stdout.strip() == "survived"


def test_installed_pair_is_not_the_known_broken_one():
    import PySide6

    version = tuple(int(x) for x in PySide6.__version__.split(".")[:2])
    assert not (sys.version_info[:2] == (3, 11) and version >= (6, 12)), (
        f"PySide6 {PySide6.__version__} on Python {sys.version.split()[0]} is the pair that crashes")
