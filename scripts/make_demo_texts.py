"""Rebuild resources/demo/*.txt from ../shared/corpus (run by hand; documents provenance).

Wikinews (CC BY 2.5, via QCRI Farasa): the first five articles (headline + body) of three sections.
AQMAR (CC BY-SA 3.0): the Damascus article, detokenised (punctuation joined to the previous word).
"""

import json
import sys
from pathlib import Path

shared = Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/corpus")
out = Path(__file__).resolve().parent.parent / "resources" / "demo"
out.mkdir(parents=True, exist_ok=True)

lines = (shared / "farasa_wikinews" / "WikiNewsTruth.txt").read_text(encoding="utf-8").split("\n")
sections: dict[str, list[str]] = {}
current = None
for line in lines:
    if line.startswith("# "):
        current = line[2:].strip()
        sections[current] = []
    elif current and line.strip():
        sections[current].append(line.strip())
for number, name in enumerate(["ثَقَافَةٌ", "عُلُومٌ", "رِيَاضَةٌ"], start=1):
    body = sections[name][:10]  # five headline + body pairs
    paragraphs = []
    for i in range(0, len(body), 2):
        paragraphs.append(body[i] + "\n" + body[i + 1])
    (out / f"{number}-ويكي_الأخبار_{name}.txt").write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")

sentences = [json.loads(l) for l in (shared / "aqmar" / "aqmar.spans.jsonl").read_text(encoding="utf-8").splitlines()]
text = []
for s in sentences:
    if s["doc"] != "Damascus":
        continue
    words = s["text"].split(" ")
    sentence = ""
    for w in words:
        if w in {".", "،", ",", ":", "؛", ")", "؟", "!"} and sentence:
            sentence += w
        elif sentence.endswith("("):
            sentence += w
        else:
            sentence += (" " if sentence else "") + w
    text.append(sentence)
    if len(text) >= 40:
        break
(out / "4-دمشق.txt").write_text("\n\n".join(text) + "\n", encoding="utf-8")
print("written to", out)
