"""Make ``default-16x9.pptx``: python-pptx's default template, really widened to 16:9.

Stage: a build-time tool, run by a developer (``python -m generator.render.pptx.make_template``)
whenever python-pptx's template or this script changes; the output is committed and
packaged. python-pptx's default is 4:3. Changing only the slide size would leave every
master and layout placeholder where it was, squeezed into the left three quarters of the
slide, so every shape on the master and the layouts is stretched horizontally by 4/3 as
well. The 4:3 thumbnail is dropped and the document properties are blanked, and the file
is written reproducibly, so running this twice gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import io
import sys
from fractions import Fraction
from pathlib import Path

from lxml import etree
from pptx import Presentation
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml.ns import qn
from pptx.util import Emu

from generator.render.pptx.repro import reproducible_zip

TARGET = Path(__file__).with_name("default-16x9.pptx")
WIDTH, HEIGHT = Emu(12192000), Emu(6858000)  # 13.333 in x 7.5 in
STRETCH = Fraction(4, 3)
FIXED_TIME = dt.datetime(2000, 1, 1)
APP_FORMAT = (b"<PresentationFormat>On-screen Show (4:3)</PresentationFormat>",
              b"<PresentationFormat>Widescreen</PresentationFormat>")


def _stretch(tree: etree._Element) -> int:
    """Stretch every offset and extent in ``tree`` horizontally; return how many were changed."""
    changed = 0
    for tag, attribute in (("a:off", "x"), ("a:ext", "cx"), ("a:chOff", "x"), ("a:chExt", "cx")):
        for element in tree.iter(qn(tag)):
            if element.getparent().tag == qn("a:xfrm") and element.get(attribute) is not None:
                element.set(attribute, str(round(int(element.get(attribute)) * STRETCH)))
                changed += 1
    return changed


def template_bytes() -> bytes:
    """Return the 16:9 template's bytes."""
    prs = Presentation()
    prs.slide_width, prs.slide_height = WIDTH, HEIGHT
    prs.part._element.find(qn("p:sldSz")).attrib.pop("type", None)  # "screen4x3" no longer holds
    for master in prs.slide_masters:
        _stretch(master._element.find(qn("p:cSld")))
        for layout in master.slide_layouts:
            _stretch(layout._element.find(qn("p:cSld")))
    package = prs.part.package
    for r_id, rel in list(package._rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            package._rels.pop(r_id)
    props = prs.core_properties
    props.title = props.subject = props.author = props.keywords = props.comments = props.category = ""
    props.last_modified_by = "briefdeck"
    props.revision = 1
    props.created = props.modified = FIXED_TIME
    for part in package.iter_parts():
        if str(part.partname) == "/docProps/app.xml":
            part._blob = part.blob.replace(*APP_FORMAT).replace(
                b"<Application>Microsoft Macintosh PowerPoint</Application>", b"<Application>briefdeck</Application>")
    buffer = io.BytesIO()
    prs.save(buffer)
    return reproducible_zip(buffer.getvalue(), FIXED_TIME)


def main(argv: list[str] | None = None) -> int:
    """Write the template (to the packaged path, or to the path given)."""
    args = sys.argv[1:] if argv is None else argv
    target = Path(args[0]) if args else TARGET
    target.write_bytes(template_bytes())
    print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
