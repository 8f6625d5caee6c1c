"""Make a saved deck byte-identical across runs: fixed zip times, fixed workbook dates.

Stage: the deck renderer's last step (pptx bytes in, pptx bytes out). python-pptx stamps
every zip entry with the current time, and each chart embeds an XlsxWriter workbook whose
properties carry the current time too; both are rewritten from the document's time, and
everything else (entry order, compression, content) is kept as it was.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Mapping
from typing import BinaryIO

from lxml import etree
from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.constants import RELATIONSHIP_TARGET_MODE as RTM
from pptx.opc.oxml import serialize_part_xml
from pptx.opc.package import Part, _Relationships
from pptx.opc.packuri import CONTENT_TYPES_URI, PACKAGE_URI
from pptx.opc.serialized import _ContentTypesItem
from pptx.presentation import Presentation as PptxPresentation

_ZIP_EPOCH = dt.datetime(1980, 1, 1)
_W3CDTF = re.compile(rb"(<dcterms:(?:created|modified)\b[^>]*>)[^<]*(</dcterms:(?:created|modified)>)")


def utc_naive(when: dt.datetime) -> dt.datetime:
    """Return ``when`` in UTC without a zone (what OOXML's W3CDTF dates and zip stamps hold)."""
    if when.tzinfo is not None:
        when = when.astimezone(dt.UTC).replace(tzinfo=None)
    return when


def _zip_time(when: dt.datetime) -> tuple[int, int, int, int, int, int]:
    when = max(utc_naive(when), _ZIP_EPOCH)
    when = min(when, dt.datetime(2107, 12, 31, 23, 59, 58))
    return (when.year, when.month, when.day, when.hour, when.minute, when.second - when.second % 2)


def _fixed_core(xml: bytes, when: dt.datetime) -> bytes:
    stamp = utc_naive(when).strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    return _W3CDTF.sub(lambda m: m.group(1) + stamp + m.group(2), xml)


def reproducible_zip(data: bytes, when: dt.datetime) -> bytes:
    """Return the OOXML package ``data`` with every time in it set to ``when``.

    Embedded workbooks (charts) are rewritten the same way, recursively, including the
    created and modified dates in their ``docProps/core.xml``.
    """
    stamp = _zip_time(when)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            blob = source.read(info)
            if info.filename.endswith(".xlsx"):
                blob = reproducible_zip(blob, when)
            elif info.filename == "docProps/core.xml" and b"<dcterms:" in blob:
                blob = _fixed_core(blob, when)
            entry = zipfile.ZipInfo(info.filename, stamp)
            entry.compress_type = info.compress_type
            entry.external_attr = 0o600 << 16
            entry.create_system = 0
            target.writestr(entry, blob)
    return out.getvalue()


def write_package(prs: PptxPresentation, out: BinaryIO, when: dt.datetime,
                  written: Mapping[Part, bytes] | None = None) -> None:
    """Save ``prs`` to ``out`` reproducibly, compressing each part once.

    ``written`` holds parts already serialised (finished slides, a kept template's shared parts),
    which are taken as they are.

    The same steps as python-pptx's ``PackageWriter`` (content types, package relationships,
    then each part and its relationships, in package order), but every entry stamped with
    ``when`` and every embedded workbook rewritten by ``reproducible_zip``. Saving with
    python-pptx and rewriting the archive afterwards would inflate and deflate it all twice.
    """
    package = prs.part.package
    parts = tuple(package.iter_parts())
    names = [str(part.partname) for part in parts]
    if len(set(names)) != len(names):  # PowerPoint would offer to repair such a file
        raise RuntimeError(f"two parts share a name: {sorted({n for n in names if names.count(n) > 1})}")
    stamp = _zip_time(when)

    def write(target: zipfile.ZipFile, name: str, blob: bytes) -> None:
        entry = zipfile.ZipInfo(name, stamp)
        entry.compress_type = zipfile.ZIP_DEFLATED
        entry.external_attr = 0o600 << 16
        entry.create_system = 0
        target.writestr(entry, blob)

    with zipfile.ZipFile(out, "w") as target:
        write(target, CONTENT_TYPES_URI.membername, serialize_part_xml(_ContentTypesItem.xml_for(parts)))
        write(target, PACKAGE_URI.rels_uri.membername, rels_xml(package._rels))
        for part in parts:
            blob = written[part] if written and part in written else part.blob
            if part.content_type == CT.SML_SHEET:
                blob = reproducible_zip(blob, when)
            write(target, part.partname.membername, blob)
            if part._rels:
                write(target, part.partname.rels_uri.membername, rels_xml(part.rels))


RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}"


def rels_xml(rels: _Relationships) -> bytes:
    """Return a part's relationships as python-pptx's ``_Relationships.xml`` writes them.

    The same elements, attributes and order (by rId number), built with lxml directly:
    python-pptx parses two XML snippets per relationship, over a thousand times in a long deck.
    """
    root = etree.Element(f"{RELS}Relationships", nsmap={None: RELS[1:-1]})
    numbered = sorted((int(r_id[3:]) if r_id.startswith("rId") and r_id[3:].isdigit() else 0, r_id)
                      for r_id in rels.keys())
    for _, r_id in numbered:
        rel = rels[r_id]
        element = etree.SubElement(root, f"{RELS}Relationship", {"Id": r_id, "Type": rel.reltype,
                                                                  "Target": rel.target_ref})
        if rel.is_external:
            element.set("TargetMode", RTM.EXTERNAL)
    return etree.tostring(root, encoding="UTF-8", standalone=True)
