"""The resources reach every install: a wheel built from a clean checkout carries the fonts, the
compiled Arabic interface (.qm) and the demo texts, and an installed wheel finds them through
annotator.paths.resource_path."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from annotator.paths import resource_path
from annotator.qm import CatalogueError, compile_ts

ROOT = Path(__file__).resolve().parents[2]
TS = resource_path("translations", "annotator_ar.ts")


def test_the_checkout_resources_are_found():
    assert resource_path() == ROOT / "resources"
    assert resource_path("fonts", "OFL.txt").is_file()
    assert resource_path("demo", "ATTRIBUTION.md").is_file()


def test_the_pure_python_compiler_writes_what_lrelease_writes(tmp_path):
    lrelease = Path(sys.executable).parent / "pyside6-lrelease"
    for ts in (TS, TS.with_name("annotator_en.ts")):  # with plural forms: six in Arabic, two in English
        out = tmp_path / f"{ts.stem}.qm"
        subprocess.run([str(lrelease), "-silent", str(ts), "-qm", str(out)], check=True)
        assert compile_ts(ts) == out.read_bytes(), ts.name


def test_the_compiler_writes_plural_forms_and_skips_obsolete_messages(tmp_path):
    ts = tmp_path / "x.ts"
    ts.write_text('<?xml version="1.0" encoding="utf-8"?><TS version="2.1" language="ar"><context><name>C</name>'
                  '<message><source>kept</source><translation>باقٍ</translation></message>'
                  '<message><source>old</source><translation type="obsolete">قديم</translation></message>'
                  '</context></TS>', encoding="utf-8")
    data = compile_ts(ts)
    assert "باقٍ".encode("utf-16-be") in data and "قديم".encode("utf-16-be") not in data
    ts.write_text('<TS language="ar"><context><name>C</name><message numerus="yes"><source>%n files</source>'
                  '<translation><numerusform>لا ملفات</numerusform><numerusform>ملف</numerusform>'
                  '</translation></message></context></TS>', encoding="utf-8")
    data = compile_ts(ts)
    assert "لا ملفات".encode("utf-16-be") in data and "ملف".encode("utf-16-be") in data
    ts.write_text('<TS language="ar"><context><name>C</name>', encoding="utf-8")
    with pytest.raises(CatalogueError, match="cannot read"):
        compile_ts(ts)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """A wheel built from the files git tracks (a clean checkout: no compiled .qm, no build/)."""
    tree = tmp_path_factory.mktemp("checkout")
    tracked = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout
    for name in filter(None, tracked.decode().split("\0")):
        source = ROOT / name
        if source.is_file():  # deleted in the working tree but not yet committed: not there
            (tree / name).parent.mkdir(parents=True, exist_ok=True)
            (tree / name).write_bytes(source.read_bytes())
    assert not list(tree.glob("resources/translations/*.qm"))
    out = tmp_path_factory.mktemp("wheel")
    result = subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
                             "--wheel-dir", str(out), str(tree)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    (built,) = out.glob("arabic_annotator-*.whl")
    return built


def test_the_wheel_carries_fonts_translations_demo_texts_and_icons(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    inside = "annotator/resources/"
    for font in resource_path("fonts").glob("*.ttf"):
        assert f"{inside}fonts/{font.name}" in names
    expected = ["fonts/OFL.txt", "translations/annotator_ar.ts", "translations/annotator_ar.qm",
                "translations/annotator_en.qm",
                "demo/index.json", "demo/ATTRIBUTION.md", "icons/arabic-annotator.svg"]
    expected += [f"demo/{p.name}" for p in resource_path("demo").glob("*.txt")]
    assert [name for name in expected if inside + name not in names] == []
    assert zipfile.ZipFile(wheel).read(f"{inside}translations/annotator_ar.qm") == compile_ts(TS)


def test_an_installed_wheel_finds_its_resources_and_the_arabic_interface(wheel, tmp_path):
    site = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(site), str(wheel)],
                   check=True, capture_output=True)
    probe = (
        "import annotator, annotator.paths as p\n"
        "from PySide6.QtCore import QCoreApplication, QTranslator\n"
        "app = QCoreApplication([])\n"
        "t = QTranslator()\n"
        "assert t.load(str(p.resource_path('translations', 'annotator_ar.qm')))\n"
        "print(annotator.__file__)\n"
        "print(p.resource_path())\n"
        "print(t.translate('Menus', '&File'))\n"
    )
    env = {**os.environ, "PYTHONPATH": str(site)}
    result = subprocess.run([sys.executable, "-c", probe], cwd=tmp_path, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    module, resources, translated = result.stdout.splitlines()
    assert Path(module).is_relative_to(site) and Path(resources) == site / "annotator" / "resources"
    assert translated and translated != "&File" and any("\u0600" <= ch <= "\u06ff" for ch in translated)
