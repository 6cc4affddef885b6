"""UIMA CAS XMI (INCEpTION, WebAnno, DKPro Core) through ``dkpro-cassis``, with DKPro Core's types.

Write (``xmi``, a new folder): ``TypeSystem.xml`` and one ``NAME.xmi`` per document (with
``--all-coders``, one sub-folder per coder, as INCEpTION keeps one CAS per user). Each CAS holds the
text as its sofa, a ``DocumentMetaData`` (``documentId``, ``documentTitle``), one ``Sentence`` per
non-empty line, ``Token``s (ours, cut at every span edge, so every entity is anchored on tokens as
INCEpTION wants), one ``NamedEntity`` per span with the label in ``value``, and one ``custom.Relation``
per relation, as INCEpTION's basic custom relation layer is (``label`` the relation type, ``Governor``
the head's and ``Dependent`` the child's ``NamedEntity``, the dependent's offsets). The type system is
the minimal one for those types, made here from their documented names
(``de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity`` etc.). XMI offsets count UTF-16 units
(Java's); cassis converts them, so an emoji before a span is handled. Notes and document metadata
other than id and title are not carried.

Read: ``.xmi`` files (also inside a ``.zip``, as INCEpTION exports them) with the ``TypeSystem.xml``
beside them or one folder up (else DKPro Core's full type system, from cassis); unknown types are
skipped. Each ``NamedEntity`` becomes a span labelled with its ``value`` (one without a value is
counted and skipped). The coder is the sub-folder's name when the ``TypeSystem.xml`` is one folder
up (this exporter's ``--all-coders`` layout), else ``--coder`` / the default coder. Relations: every
annotation of a type with ``Governor`` and ``Dependent`` features (INCEpTION's relation layers,
``custom.Relation`` or ``webanno.custom.*``) between two imported ``NamedEntity`` annotations becomes
a relation, its type the ``label`` (else ``value``) feature, else the type's short name; relations
between other annotations (DKPro ``Dependency`` on tokens...) or to an entity without a value are
counted; one from an entity to itself is an error.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

from annotator.core.errors import InputError
from annotator.formats.filenames import UniqueNames, safe_name
from annotator.formats.records import check_span, normalize_with_offsets
from annotator.formats.registry import DocumentRecord, ImportOptions, RelationRecord, exporter, importer
from annotator.formats.spanrules import edge_tokens
from annotator.formats.xmlsafe import refuse_doctype

NE = "de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity"
SENTENCE = "de.tudarmstadt.ukp.dkpro.core.api.segmentation.type.Sentence"
TOKEN = "de.tudarmstadt.ukp.dkpro.core.api.segmentation.type.Token"
METADATA = "de.tudarmstadt.ukp.dkpro.core.api.metadata.type.DocumentMetaData"
RELATION = "custom.Relation"  # INCEpTION's basic custom relation layer (RelationLayerSupport's feature names)
GOVERNOR, DEPENDENT = "Governor", "Dependent"
MAX_XMI_BYTES = 256 * 1024 * 1024


def _cassis():
    try:
        import cassis
    except ImportError:
        raise InputError("the xmi format needs dkpro-cassis: pip install 'arabic-annotator[xmi]'") from None
    return cassis


def minimal_typesystem():
    """DKPro Core's NamedEntity, Sentence, Token and DocumentMetaData, with the features we use."""
    cassis = _cassis()
    ts = cassis.TypeSystem()
    ne = ts.create_type(NE, supertypeName="uima.tcas.Annotation")
    ts.create_feature(ne, "value", "uima.cas.String")
    ts.create_feature(ne, "identifier", "uima.cas.String")
    relation = ts.create_type(RELATION, supertypeName="uima.tcas.Annotation")
    ts.create_feature(relation, "label", "uima.cas.String")
    ts.create_feature(relation, GOVERNOR, NE)
    ts.create_feature(relation, DEPENDENT, NE)
    ts.create_type(SENTENCE, supertypeName="uima.tcas.Annotation")
    ts.create_type(TOKEN, supertypeName="uima.tcas.Annotation")
    meta = ts.create_type(METADATA, supertypeName="uima.tcas.DocumentAnnotation")
    for name in ("documentTitle", "documentId", "documentUri", "collectionId", "documentBaseUri"):
        ts.create_feature(meta, name, "uima.cas.String")
    ts.create_feature(meta, "isLastSegment", "uima.cas.Boolean")
    return ts


def lines(text: str) -> Iterator[tuple[int, int]]:
    at = 0
    for piece in text.split("\n"):
        stripped = piece.strip()
        if stripped:
            start = at + piece.index(stripped[0])
            yield start, start + len(stripped)
        at += len(piece) + 1


@exporter("xmi", "", "UIMA CAS XMI (INCEpTION, DKPro): a folder of NAME.xmi with TypeSystem.xml")
def write_xmi(items, folder: Path, ctx) -> None:
    cassis = _cassis()
    ts = minimal_typesystem()
    ts.to_xml(folder / "TypeSystem.xml")
    names: dict[str, UniqueNames] = {}
    notes = meta = 0
    for item in items:
        target = folder
        if item.all_coders:
            target = folder / safe_name(item.coder, "coder")
            target.mkdir(exist_ok=True)
        name = names.setdefault(str(target), UniqueNames()).take(item.title)
        cas = cassis.Cas(typesystem=ts)
        cas.sofa_string = item.text
        cas.sofa_mime = "text"
        cas.add(ts.get_type(METADATA)(begin=0, end=len(item.text), documentId=item.id, documentTitle=item.title,
                                      language="ar"))
        Sentence, Token, Entity = ts.get_type(SENTENCE), ts.get_type(TOKEN), ts.get_type(NE)
        cas.add_all([Sentence(begin=s, end=e) for s, e in lines(item.text)])
        cas.add_all([Token(begin=s, end=e) for s, e in edge_tokens(item.text, [(s, e) for s, e, _l, _n in item.spans])])
        entities = [Entity(begin=s, end=e, value=label) for s, e, label, _note in item.spans]
        cas.add_all(entities)
        Relation = ts.get_type(RELATION)
        cas.add_all([Relation(begin=entities[child].begin, end=entities[child].end, label=name,
                              Governor=entities[head], Dependent=entities[child])
                     for head, child, name in item.relations])
        notes += sum(1 for *_x, note in item.spans if note)
        meta += bool(item.meta)
        cas.to_xmi(target / f"{name}.xmi", pretty_print=True)
    ctx.lost("span notes (NamedEntity has no note)", notes)
    ctx.lost("documents' metadata other than id and title", meta)


def find_typesystem(path: Path) -> tuple[Path | None, bool]:
    """The TypeSystem.xml for ``path`` and whether it is one folder up (then the folder names a coder)."""
    for folder, up in ((path.parent, False), (path.parent.parent, True)):
        for candidate in folder.glob("*"):
            if candidate.name.lower() == "typesystem.xml" and candidate.is_file():
                return candidate, up
    return None, False


_DKPRO: list = []  # DKPro Core's full type system, parsed once (it is large): read only


def dkpro_typesystem():
    if not _DKPRO:
        import warnings

        with warnings.catch_warnings():  # cassis uses a deprecated importlib.resources call
            warnings.simplefilter("ignore", DeprecationWarning)
            _DKPRO.append(_cassis().load_dkpro_core_typesystem())
    return _DKPRO[0]


@importer("xmi", (".xmi",), "UIMA CAS XMI (INCEpTION, DKPro): NamedEntity annotations and their relations")
def read_xmi(path: Path, options: ImportOptions) -> Iterator[DocumentRecord]:
    if path.suffix.lower() != ".xmi":
        if path.name.lower() != "typesystem.xml":
            options.warn(f"{path}: not an .xmi file, skipped")
        return
    cassis = _cassis()
    source = str(path)
    if path.stat().st_size > MAX_XMI_BYTES:
        raise InputError(f"XMI files over {MAX_XMI_BYTES // 2**20} MB are refused", source)
    ts_path, coder_folder = find_typesystem(path)
    if ts_path is None:
        typesystem = dkpro_typesystem()
        options.warn(f"{source}: no TypeSystem.xml beside it; read with DKPro Core's type system")
    else:
        refuse_doctype(ts_path)
        try:
            typesystem = cassis.load_typesystem(ts_path)
        except Exception as exc:  # cassis raises ValueError, TypeError, lxml errors...
            raise InputError(f"not a readable UIMA type system ({type(exc).__name__}: {str(exc)[:120]})",
                             str(ts_path)) from None
    refuse_doctype(path)
    from lxml import etree  # cassis depends on lxml

    import warnings

    try:
        with warnings.catch_warnings():  # cassis warns about offsets outside the text: checked below
            warnings.simplefilter("ignore", UserWarning)
            cas = cassis.load_cas_from_xmi(path, typesystem=typesystem, lenient=True)
        text = cas.sofa_string
    except etree.XMLSyntaxError as exc:
        raise InputError(f"not well-formed XML: {exc.msg}", source, line=exc.lineno or None) from None
    except Exception as exc:
        raise InputError(f"not a readable CAS XMI ({type(exc).__name__}: {str(exc)[:120]})", source) from None
    if not isinstance(text, str) or not text.strip():
        options.warn(f"{source}: empty text, skipped")
        return
    spans, unlabelled, without_value = [], 0, set()
    if typesystem.contains_type(NE):
        for number, entity in enumerate(cas.select(NE), start=1):
            label = entity.get("value") if entity.type.get_feature("value") else None
            if not label or not str(label).strip():
                unlabelled += 1
                without_value.add(entity.xmiID)
                continue
            try:
                spans.append(check_span(text, entity.begin, entity.end, str(label), source, None))
            except InputError as exc:
                raise InputError(f"NamedEntity {number} (xmi:id {entity.xmiID}): {exc.reason}", source) from None
            spans[-1].ref = entity.xmiID
    else:
        options.warn(f"{source}: the type system has no {NE}; no spans imported")
    if unlabelled:
        options.warn(f"{source}: {unlabelled} NamedEntity annotation(s) without a value not imported")
    title, doc_id = path.stem, None
    if typesystem.contains_type(METADATA):
        for info in cas.select(METADATA):
            title = info.get("documentTitle") or title
            doc_id = info.get("documentId") or None
            break
    relations = _relations(cas, typesystem, {s.ref for s in spans}, without_value, source, options)
    text, spans = normalize_with_offsets(text, spans)
    record = DocumentRecord(title=title, text=text, source=source, external_id=doc_id, relations=relations)
    if coder_folder and not options.coder:
        record.by_coder[path.parent.name] = spans
    else:
        record.spans = spans
    yield record


def _relations(cas, typesystem, entities: set, without_value: set, source: str, options) -> list[RelationRecord]:
    """Relations between the imported entities (by xmi:id), from every type with Governor and Dependent."""
    out: dict[tuple, RelationRecord] = {}
    other = unvalued = 0
    for rtype in typesystem.get_types():
        if rtype.get_feature(GOVERNOR) is None or rtype.get_feature(DEPENDENT) is None:
            continue
        feature = next((f for f in ("label", "value") if rtype.get_feature(f) is not None), None)
        for relation in cas.select(rtype.name):
            head, child = relation.get(GOVERNOR), relation.get(DEPENDENT)
            ends = [getattr(end, "xmiID", None) for end in (head, child)]
            if any(end in without_value for end in ends):
                unvalued += 1
                continue
            if not all(end in entities for end in ends):
                other += 1
                continue
            if ends[0] == ends[1]:
                raise InputError(f"the {rtype.name} relation xmi:id {relation.xmiID} goes from a NamedEntity to "
                                 "itself", source)
            value = relation.get(feature) if feature else None
            label = str(value).strip() if value is not None and str(value).strip() else rtype.name.rsplit(".", 1)[-1]
            out.setdefault((ends[0], ends[1], label), RelationRecord(ends[0], ends[1], label))
    if other:
        options.warn(f"{source}: {other} relation(s) between annotations other than NamedEntity not imported")
    if unvalued:
        options.warn(f"{source}: {unvalued} relation(s) to a NamedEntity without a value not imported")
    return list(out.values())
