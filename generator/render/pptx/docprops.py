"""Make the package's extended properties (``docProps/app.xml``) count what the deck holds.

Stage: part of the deck renderer (the finished presentation in, its ``app.xml`` rewritten out).
The template's ``app.xml`` says 0 slides and 0 notes, or counts a corporate template's sample
slides; PowerPoint and document managers show those numbers, and a schema checker reports
them. The counts are set to the deck's, and the parts list loses the sample slides' titles.
"""

from __future__ import annotations

from lxml import etree
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.presentation import Presentation as PptxPresentation

EP = "{http://schemas.openxmlformats.org/officeDocument/2006/extended-properties}"
VT = "{http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes}"
SLIDE_TITLES = "Slide Titles"


def _drop_slide_titles(root: etree._Element) -> None:
    """Remove the "Slide Titles" heading pair and the titles it counts (the template's samples)."""
    pairs, titles = root.find(f"{EP}HeadingPairs/{VT}vector"), root.find(f"{EP}TitlesOfParts/{VT}vector")
    if pairs is None or titles is None:
        return
    variants = list(pairs)
    start = 0
    for name, count in zip(variants[::2], variants[1::2], strict=False):
        number = int(count.findtext(f"{VT}i4") or 0)
        if name.findtext(f"{VT}lpstr") == SLIDE_TITLES:
            for title in list(titles)[start:start + number]:
                titles.remove(title)
            pairs.remove(name)
            pairs.remove(count)
            break
        start += number
    pairs.set("size", str(len(pairs)))
    titles.set("size", str(len(titles)))


def count_slides(prs: PptxPresentation, slides: int, notes: int) -> None:
    """Set ``app.xml``'s slide, notes and hidden-slide counts to the deck's."""
    package = prs.part.package
    app = next((rel.target_part for rel in package._rels.values() if rel.reltype == RT.EXTENDED_PROPERTIES), None)
    if app is None:
        return
    root = etree.fromstring(app.blob)
    for tag, value in (("Slides", slides), ("Notes", notes), ("HiddenSlides", 0)):
        element = root.find(EP + tag)
        if element is not None:
            element.text = str(value)
    _drop_slide_titles(root)
    app._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
