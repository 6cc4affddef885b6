"""REFI-QDA project exchange (``.qdpx``): QualCoder, MAXQDA, NVivo, ATLAS.ti.

Write (``refi``): a zip with ``project.qde`` (QDA-XML, namespace ``urn:QDA-XML:project:1.0``, valid
against REFI's ``Project.xsd``) and ``sources/GUID.txt`` (each text, UTF-8). Labels are codes (with
their colours), coders are users, each document is one ``TextSource`` (``plainTextPath=
"internal://GUID.txt"``), each span a ``PlainTextSelection`` (``startPosition``/``endPosition``)
with one ``Coding`` of its code by its coder, and a span's note a ``Note`` (a memo) that the
selection refers to by ``NoteRef``. Positions count Unicode code points (see docs/formats.md: the
schema types them as integers only; QualCoder, whose import slices Python strings, counts code
points too). GUIDs are UUID-5 values of what they name (label, coder, text, span), so the same
project gives the same file. Document ids and metadata, and statuses, are not carried.

Read: a ``.qdpx``, unpacked with the same safety as any zip. Users become coders, codes labels
(nested codes flattened; colours kept when the label is new), text sources documents (their
``internal://`` text file, or ``PlainTextContent``), and each ``PlainTextSelection`` coding a span
of its coder (the ``Coding``'s ``creatingUser``, else the selection's), with the texts of its
``NoteRef`` notes and its ``Description`` as the span's note. Other sources (PDF, pictures, audio,
video), codings of whole sources, and project notes are counted and reported, not imported.
"""

from __future__ import annotations

import tempfile
import uuid
import zipfile
from collections import Counter
from pathlib import Path
from typing import BinaryIO, Iterator

from annotator import __version__
from annotator.core.errors import InputError
from annotator.core.model import text_sha256
from annotator.formats.archive import unpack_zip
from annotator.formats.records import check_span, normalize_with_offsets
from annotator.formats.registry import DocumentRecord, ImportOptions, SpanRecord, exporter, importer
from annotator.formats.spanrules import by_document
from annotator.formats.xmlsafe import etree as _etree, refuse_doctype

NS = "urn:QDA-XML:project:1.0"
Q = f"{{{NS}}}"
_NAMESPACE = uuid.UUID("0b9b1f3c-6a53-5d8e-9c3e-4b1d2f1a7e20")
_DATE = (1980, 1, 1, 0, 0, 0)


def guid(*parts: str) -> str:
    return str(uuid.uuid5(_NAMESPACE, "\x1f".join(parts)))


def _zip_write(archive: zipfile.ZipFile, name: str, data: bytes) -> None:
    info = zipfile.ZipInfo(name, date_time=_DATE)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    archive.writestr(info, data)


@exporter("refi", ".qdpx", "REFI-QDA project (.qdpx): QualCoder, MAXQDA, NVivo, ATLAS.ti", binary=True)
def write_refi(items, out: BinaryIO, ctx) -> None:
    etree = _etree()

    users: dict[str, str] = {}
    wanted = ctx.option("labels")
    codes = {name: (guid("code", name), colour) for name, colour in ctx.labels if not wanted or name in wanted}
    sources = etree.Element(Q + "Sources")
    notes = etree.Element(Q + "Notes")
    texts: list[tuple[str, bytes]] = []
    meta = 0
    for group in by_document(items):
        first = group[0]
        sha = text_sha256(first.text)
        source_guid = guid("source", sha)
        source = etree.SubElement(sources, Q + "TextSource", guid=source_guid, name=first.title,
                                  plainTextPath=f"internal://{source_guid}.txt")
        texts.append((f"sources/{source_guid}.txt", first.text.encode("utf-8")))
        meta += bool(first.meta)
        for item in group:
            user = users.setdefault(item.coder, guid("user", item.coder))
            for start, end, label, note in item.spans:
                key = (sha, item.coder, str(start), str(end), label)
                selection = etree.SubElement(source, Q + "PlainTextSelection", guid=guid("selection", *key),
                                             name=item.text[start:end][:60], startPosition=str(start),
                                             endPosition=str(end), creatingUser=user)
                coding = etree.SubElement(selection, Q + "Coding", guid=guid("coding", *key), creatingUser=user)
                etree.SubElement(coding, Q + "CodeRef", targetGUID=codes[label][0])
                if note:
                    note_guid = guid("note", *key)
                    etree.SubElement(selection, Q + "NoteRef", targetGUID=note_guid)
                    memo = etree.SubElement(notes, Q + "Note", guid=note_guid, name=f"{label}: {item.text[start:end][:40]}",
                                            creatingUser=user)
                    etree.SubElement(memo, Q + "PlainTextContent").text = note
    project = etree.Element(Q + "Project", nsmap={None: NS}, name=ctx.project_name,
                            origin=f"arabic-annotator {__version__}")
    if users:
        users_el = etree.SubElement(project, Q + "Users")
        for name, user_guid in users.items():
            etree.SubElement(users_el, Q + "User", guid=user_guid, name=name)
    if codes:
        codebook = etree.SubElement(etree.SubElement(project, Q + "CodeBook"), Q + "Codes")
        for name, (code_guid, colour) in codes.items():
            etree.SubElement(codebook, Q + "Code", guid=code_guid, name=name, isCodable="true", color=colour.upper())
    if len(sources):
        project.append(sources)
    if len(notes):
        project.append(notes)
    xml = etree.tostring(project, xml_declaration=True, encoding="utf-8", pretty_print=True)
    ctx.lost("documents' ids and metadata (REFI-QDA text sources have a name only)", meta)
    with zipfile.ZipFile(out, "w") as archive:
        _zip_write(archive, "project.qde", xml)
        for name, data in texts:
            _zip_write(archive, name, data)


@importer("refi", (".qdpx",), "REFI-QDA project (.qdpx): text sources, codes, users, codings, memos")
def read_refi(path: Path, options: ImportOptions) -> Iterator[DocumentRecord]:
    etree = _etree()

    source = str(path)
    with tempfile.TemporaryDirectory(prefix="annotator-qdpx-") as scratch:
        folder = unpack_zip(path, Path(scratch))
        qde = next((p for p in folder.iterdir() if p.suffix.lower() == ".qde" and p.is_file()), None)
        if qde is None:
            raise InputError("the archive has no project.qde", source)
        refuse_doctype(qde)
        parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
        try:
            root = etree.parse(str(qde), parser).getroot()
        except etree.XMLSyntaxError as exc:
            raise InputError(f"project.qde is not well-formed XML: {exc.msg}", source, line=exc.lineno) from None
        ns = root.nsmap.get(None) or NS
        if root.tag != f"{{{ns}}}Project" or not ns.startswith("urn:QDA-XML:project:"):
            raise InputError(f"project.qde: the root is {root.tag!r}, not a QDA-XML Project", source)
        q = f"{{{ns}}}"
        users = {u.get("guid"): u.get("name") or u.get("guid") for u in root.iter(q + "User")}
        codes, colours = {}, {}
        for code in root.iter(q + "Code"):
            name = (code.get("name") or "").strip()
            if not name:
                raise InputError(f"project.qde, line {code.sourceline}: a Code without a name", source)
            codes[code.get("guid")] = name
            if code.get("color"):
                colours[name] = code.get("color")
        notes = {n.get("guid"): "".join(n.findtext(q + "PlainTextContent") or "").strip()
                 for n in root.iter(q + "Note")}
        ignored: Counter = Counter()
        for kind in ("PDFSource", "PictureSource", "AudioSource", "VideoSource"):
            found = sum(1 for _ in root.iter(q + kind))
            if found:
                ignored[f"{kind}s"] += found
        records = []
        used_notes: set[str] = set()
        for text_source in root.iter(q + "TextSource"):
            if text_source.getparent().tag != q + "Sources":
                continue  # a PDF's representation or a note's text
            record = _source(text_source, q, folder, users, codes, notes, used_notes, source, ignored)
            if record is not None:
                record.label_colors = colours
                records.append(record)
        project_notes = len(set(notes) - used_notes)
        if project_notes:
            ignored["notes not attached to a coded selection"] += project_notes
        if ignored:
            options.warn(f"{source}: not imported: " + ", ".join(f"{n} {what}" for what, n in sorted(ignored.items())))
    yield from records


def _source(element, q: str, folder: Path, users, codes, notes, used_notes, source: str,
            ignored: Counter) -> DocumentRecord | None:
    where = f"project.qde, line {element.sourceline}"
    name = element.get("name") or element.get("guid") or "source"
    text_path = element.get("plainTextPath")
    if text_path:
        if not text_path.startswith("internal://"):
            raise InputError(f"{where}: the text source {name!r} points outside the archive ({text_path!r}); "
                             "only internal:// texts are read", source)
        file = folder / "sources" / text_path[len("internal://"):]
        if "/" in text_path[len("internal://"):] or ".." in text_path or not file.is_file():
            raise InputError(f"{where}: the text file {text_path!r} is not in the archive's sources/", source)
        raw = file.read_bytes()
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise InputError(f"{where}: {text_path} is not valid UTF-8 (byte {exc.start})", source) from None
    else:
        text = element.findtext(q + "PlainTextContent")
        if text is None:
            raise InputError(f"{where}: the text source {name!r} has neither plainTextPath nor PlainTextContent",
                             source)
    by_coder: dict[str | None, list[SpanRecord]] = {}
    ignored["codings of whole sources"] += len(element.findall(q + "Coding"))
    for selection in element.findall(q + "PlainTextSelection"):
        at = f"project.qde, line {selection.sourceline}"
        try:
            start, end = int(selection.get("startPosition")), int(selection.get("endPosition"))
        except (TypeError, ValueError):
            raise InputError(f"{at}: startPosition and endPosition must be integers", source) from None
        note_parts = [notes[r.get("targetGUID")] for r in selection.findall(q + "NoteRef") if r.get("targetGUID") in notes]
        used_notes.update(r.get("targetGUID") for r in selection.findall(q + "NoteRef"))
        description = (selection.findtext(q + "Description") or "").strip()
        note = "\n".join(part for part in [description, *note_parts] if part) or None
        for coding in selection.findall(q + "Coding"):
            ref = coding.find(q + "CodeRef")
            target = ref.get("targetGUID") if ref is not None else None
            if target not in codes:
                raise InputError(f"{at}: the coding refers to no code of the codebook ({target!r})", source)
            user = coding.get("creatingUser") or selection.get("creatingUser")
            try:
                span = check_span(text, start, end, codes[target], source, None, note=note)
            except InputError as exc:
                raise InputError(f"{at}: {exc.reason}", source) from None
            by_coder.setdefault(users.get(user, user) if user else None, []).append(span)
    if not text.strip():
        return None
    unnamed = by_coder.pop(None, [])
    normalized = text
    for coder in list(by_coder):
        normalized, by_coder[coder] = normalize_with_offsets(text, by_coder[coder])
    normalized, unnamed = normalize_with_offsets(text, unnamed)
    return DocumentRecord(title=name, text=normalized, source=f"{source}, {where}", spans=unnamed,
                          by_coder=by_coder)
