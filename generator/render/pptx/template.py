"""Prepare a template for drawing: open it, remove its own slides and thumbnail, find its layouts.

Stage: the deck renderer's first step (a template file in, an empty python-pptx presentation
with the template's masters and layouts out). python-pptx has no way to delete a slide.
Dropping only the ``p:sldId`` leaves the slide part related to the presentation, so it is
saved anyway, under a name (``/ppt/slides/slide1.xml``) that the first new slide takes too:
two entries of one name, which PowerPoint offers to repair. Here every reference to a
sample slide is removed (its ``p:sldId``, custom shows and sections naming it, and the
relationship of any other part to it, such as view properties), so the slide, its notes
and its pictures are no longer reachable; python-pptx saves only reachable parts.
"""

from __future__ import annotations

from lxml import etree
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.package import Part, XmlPart
from pptx.oxml.ns import qn
from pptx.presentation import Presentation as PptxPresentation
from pptx.slide import SlideLayout

from generator.render.pptx.release import release_parts

R_ATTRIBUTES = tuple(qn(f"r:{name}") for name in ("id", "embed", "link", "pict", "dm", "lo", "qs", "cs"))
SECTIONS_EXTENSION = "{521415D9-36F7-43E2-AB2F-B90AF26B5E84}"  # p14:sectionLst lists slides by id


def _drop_references(element: etree._Element, r_ids: set[str]) -> None:
    """Remove the elements of a part's XML that refer to one of ``r_ids``."""
    doomed = [node for node in element.iter()
              if any(node.get(attribute) in r_ids for attribute in R_ATTRIBUTES)]
    for node in doomed:
        parent = node.getparent()
        if parent is not None:
            parent.remove(node)


def _forget(part: Part, r_ids: set[str]) -> None:
    """Remove a part's relationships ``r_ids`` and the XML that uses them.

    python-pptx keeps parts it has no class for (view properties, say) as bytes, so their
    XML is parsed, cleaned and written back.
    """
    if isinstance(part, XmlPart):
        _drop_references(part._element, r_ids)
    elif part.content_type.endswith("+xml"):
        root = etree.fromstring(part.blob)
        _drop_references(root, r_ids)
        part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    for r_id in r_ids:
        part.rels.pop(r_id)


def drop_sample_slides(prs: PptxPresentation) -> None:
    """Remove the template's slides, and every reference to them, from the package."""
    part = prs.part
    id_list = prs.slides._sldIdLst
    doomed: set[Part] = {part.related_part(slide_id.rId) for slide_id in id_list}
    if not doomed:
        return
    loaded = set(part.package.iter_parts())
    presentation = part._element
    for slide_id in list(id_list):
        id_list.remove(slide_id)
    for shows in presentation.findall(qn("p:custShowLst")):  # custom shows list sample slides only
        presentation.remove(shows)
    for extension in presentation.xpath("./p:extLst/p:ext"):
        if extension.get("uri") == SECTIONS_EXTENSION:
            extension.getparent().remove(extension)
    for source in list(part.package.iter_parts()):
        if source in doomed:
            continue
        r_ids = {r_id for r_id, rel in source.rels.items() if not rel.is_external and rel.target_part in doomed}
        if r_ids:
            _forget(source, r_ids)
    kept = set(part.package.iter_parts())
    left = doomed & kept
    assert not left, f"template slides still reachable: {sorted(str(p.partname) for p in left)}"
    release_parts(loaded - kept)  # python-pptx's package reader still holds them, in a cycle


def drop_thumbnail(prs: PptxPresentation) -> None:
    """Remove the package thumbnail: it shows the template's first slide, not the deck's."""
    rels = prs.part.package._rels
    for r_id, rel in list(rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            rels.pop(r_id)
            if not rel.is_external and rel.target_part not in set(prs.part.package.iter_parts()):
                release_parts([rel.target_part])  # python-pptx's package reader still holds it, in a cycle


def layouts_by_name(prs: PptxPresentation) -> dict[str, SlideLayout]:
    """Return every layout by its case-folded name; the first of a name wins, as in ``theme.template``."""
    found: dict[str, SlideLayout] = {}
    for master in prs.slide_masters:
        for layout in master.slide_layouts:
            found.setdefault(layout.name.casefold(), layout)
    return found
