"""Our Label Studio export read by Label Studio's own converter (``label-studio-converter``, the
package Label Studio exports with), the consumer check of issue 20.

The converter is not installed into the suite's environment: its wheel puts a top-level ``tests``
package into site-packages, which shadowed this repository's own (``from tests.ui.helpers import
...`` broke). ``scripts/install-ls-converter.sh`` (run by ``make test``, and here when it has not
been) puts it, pinned, into a folder of its own inside the virtual environment, and it runs in a
child process with only that folder added to its path: the suite never imports it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from fmt_helpers import do_export, do_import
from interop_helpers import sample_project, spans_of

INSTALL = Path(__file__).resolve().parents[2] / "scripts" / "install-ls-converter.sh"
TARGET = Path(sys.prefix) / "label-studio-converter"
CONVERT = ("import sys\n"
           "from label_studio_converter import Converter\n"
           "config, tasks, out, fmt = sys.argv[1:]\n"
           "Converter(config, project_dir=out, download_resources=False).convert(tasks, out, fmt, is_dir=False)\n")


@pytest.fixture(scope="session")
def converter() -> Path:
    subprocess.run(["bash", str(INSTALL), sys.executable], check=True, timeout=900)  # at once when installed
    return TARGET


def _convert(converter: Path, config: Path, tasks: Path, out: Path, fmt: str) -> None:
    env = {**os.environ, "PYTHONPATH": str(converter)}
    done = subprocess.run([sys.executable, "-c", CONVERT, str(config), str(tasks), str(out), fmt], env=env,
                          cwd=out.parent, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]


def test_label_studio_converter_reads_every_span_of_every_coder(make_project, tmp_path, converter):
    from annotator.formats.labelstudio import labeling_config

    project = sample_project(make_project, tmp_path)
    tasks = tmp_path / "ls.json"
    do_export(project, tasks, "labelstudio", all_coders=True, status="done")
    config = tmp_path / "config.xml"
    config.write_text(labeling_config(project.labels().names()), encoding="utf-8")
    exported = json.loads(tasks.read_text(encoding="utf-8"))
    coder_of = {a["id"]: a["created_username"] for task in exported for a in task["annotations"]}

    _convert(converter, config, tasks, tmp_path / "min", "JSON_MIN")
    records = json.loads((tmp_path / "min" / "result.json").read_text(encoding="utf-8"))
    got: dict[tuple[str, str], list[tuple]] = {}
    for record in records:
        coder = coder_of[record["annotation_id"]]
        regions = record.get("label", [])
        for region in regions:
            assert record["text"][region["start"]:region["end"]] == region["text"]
        got[(record["text"], coder)] = sorted((r["start"], r["end"], r["labels"][0]) for r in regions)
    want = {key: sorted((s, e, label) for s, e, label, _ in spans) for key, spans in spans_of(project).items()}
    assert got == want and len(records) == len(coder_of) == 6

    _convert(converter, config, tasks, tmp_path / "conll", "CONLL2003")
    conll = (tmp_path / "conll" / "result.conll").read_text(encoding="utf-8")
    tagged = {(line.split()[0], line.split()[-1][2:]) for line in conll.splitlines()[1:]
              if line.strip() and line.split()[-1] != "O"}
    span_words = {(word, label) for (text, _), spans in want.items() for s, e, label in spans
                  for word in text[s:e].split()}
    # the converter tags whole whitespace tokens that a span touches ("والقدس" for the span "القدس")
    stray = {(token, label) for token, label in tagged
             if not any(word in token and lab == label for word, lab in span_words)}
    assert tagged and not stray, (sorted(stray), conll[:1500])
    assert {label for _, label in tagged} == {label for _, label in span_words}


def test_label_studio_converter_reads_the_export_with_relations_attributes_and_document_labels(
        make_project, fixtures, tmp_path, converter):
    """The layers' results (relations, per-region Choices, document-level Choices and TextArea) and the
    labeling config that declares them go through the converter; every span still comes out."""
    from xml.etree import ElementTree

    from annotator.core.schema import DocLabelGroup
    from annotator.formats.labelstudio import project_labeling_config

    project = make_project("layers", coder="ali", labels=["entity", "claim", "figure"])
    project.set_doc_label_groups([DocLabelGroup("topic", ("politics", "economy"), multiple=True),
                                  DocLabelGroup("genre", ("news", "opinion"))])
    do_import(project, fixtures / "layers.jsonl", status="done", add_labels=False)
    tasks = tmp_path / "ls.json"
    do_export(project, tasks, "labelstudio", status="done")
    config = tmp_path / "config.xml"
    config.write_text(project_labeling_config(project), encoding="utf-8")
    assert ElementTree.fromstring(config.read_text(encoding="utf-8")).find("Relations") is not None
    exported = json.loads(tasks.read_text(encoding="utf-8"))
    assert sum(r["type"] == "relation" for t in exported for a in t["annotations"] for r in a["result"]) == 4

    _convert(converter, config, tasks, tmp_path / "min", "JSON_MIN")
    records = {r["id"]: r for r in json.loads((tmp_path / "min" / "result.json").read_text(encoding="utf-8"))}
    envoy = records[next(t["id"] for t in exported if t["data"]["id"] == "envoy")]
    assert sorted(r["labels"][0] for r in envoy["label"]) == ["claim", "entity", "figure"]
    assert envoy["topic"] == "politics" and envoy["flags"] == "unsure" and envoy["comment"] == "راجع المصدر"
    assert (envoy["stance"], envoy["type"]) == ("denied", "person")  # JSON-MIN gives a lone choice as itself
    assert sum(len(r["label"]) for r in records.values()) == 8

    _convert(converter, config, tasks, tmp_path / "conll", "CONLL2003")
    conll = (tmp_path / "conll" / "result.conll").read_text(encoding="utf-8")
    assert {line.split()[-1][2:] for line in conll.splitlines()[1:] if line.strip() and line.split()[-1] != "O"} \
        == {"entity", "claim", "figure"}
