"""XML from strangers: refuse a DOCTYPE (entity declarations are how XML bombs and external-file
entities work; XMI, TypeSystem and REFI-QDA files never need one) before any library parses it."""

from __future__ import annotations

from pathlib import Path

from annotator.core.errors import InputError


def etree():
    """lxml's etree, or a clear error naming the extra that brings it."""
    try:
        from lxml import etree as module
    except ImportError:
        raise InputError("this format needs lxml: pip install 'arabic-annotator[refi]' (or [xmi])") from None
    return module


def refuse_doctype(path: Path) -> None:
    """InputError when ``path`` is not well-formed up to its root element or declares a DOCTYPE."""
    etree_ = etree()

    try:
        for _event, element in etree_.iterparse(str(path), events=("start",), resolve_entities=False,
                                               load_dtd=False, no_network=True, huge_tree=False):
            info = element.getroottree().docinfo
            if info.doctype or info.internalDTD is not None:
                raise InputError("the XML declares a DOCTYPE (entities); refused: this format never needs one",
                                 str(path), line=1)
            return
    except etree_.XMLSyntaxError as exc:
        raise InputError(f"not well-formed XML: {exc.msg}", str(path), line=exc.lineno or None) from None
