"""Make slides and notes pages from per-layout skeletons, and put each finished one into words.

Stage: part of the deck renderer (a layout in, an empty python-pptx slide out; a finished
slide in, its serialised XML kept for ``write_package``). python-pptx builds every new slide
by cloning its layout's placeholders one XPath query at a time, and every notes page the same
way from the notes master, and it numbers slides by reading every slide id so far. The clones
depend on the layout alone, so here they are made once per layout (and once for notes) and
each later slide starts from a copy; ids and part names are counted. The XML is exactly what
python-pptx writes.

A finished slide is serialised at once and its element tree let go: a tree costs about ten
times the memory of its text, and a 700-slide deck would otherwise hold every tree until it
is saved.
"""

from __future__ import annotations

import copy

from lxml import etree
from pptx.dml.color import RGBColor
from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.package import Part, XmlPart
from pptx.opc.packuri import PackURI
from pptx.oxml.ns import qn
from pptx.oxml.slide import CT_NotesSlide, CT_Slide
from pptx.parts.slide import NotesMasterPart, NotesSlidePart, SlidePart
from pptx.presentation import Presentation as PptxPresentation
from pptx.shapes.autoshape import Shape
from pptx.slide import NotesSlide, Slide, SlideLayout

MIN_SLIDE_ID = 256  # the schema's lowest slide id
NOTES_PARTNAME = "/ppt/notesSlides/notesSlide%d.xml"


Skeletons = dict[Part, tuple[CT_Slide, int]]  # a layout's slide skeleton, with the largest id in it


class SlideMaker:
    """Add slides to one presentation from skeletons; ``written`` holds the finished parts' XML.

    ``skeletons`` may be shared by the decks drawn on copies of one kept template: their
    layouts are the same parts, and each slide starts from a copy of its skeleton.
    """

    def __init__(self, prs: PptxPresentation, background: RGBColor | None, skeletons: Skeletons | None = None) -> None:
        self._prs = prs
        self._background = background  # None: keep the layout's own background
        self._skeletons: Skeletons = {} if skeletons is None else skeletons
        self._notes_skeleton: etree._Element | None = None
        self._notes_master: NotesMasterPart | None = None
        self._id_list = prs.slides._sldIdLst
        self._next_id = max([MIN_SLIDE_ID - 1, *(int(s.get("id")) for s in self._id_list)]) + 1
        self.written: dict[Part, bytes] = {}

    def new_slide(self, layout: SlideLayout) -> Slide:
        """Append a slide made from ``layout``, as python-pptx's ``add_slide`` makes it."""
        made = self._skeletons.get(layout.part)
        if made is None:
            skeleton = self._slide_skeleton(layout)
            made = self._skeletons[layout.part] = (skeleton, skeleton.cSld.spTree.max_shape_id)
        skeleton, max_id = made
        package = self._prs.part.package
        partname = PackURI(f"/ppt/slides/slide{len(self._id_list) + 1}.xml")
        part = SlidePart(partname, CT.PML_SLIDE, package, copy.deepcopy(skeleton))
        part.relate_to(layout.part, RT.SLIDE_LAYOUT)
        r_id = self._prs.part.relate_to(part, RT.SLIDE)
        self._id_list._add_sldId(id=self._next_id, rId=r_id)
        self._next_id += 1
        slide = part.slide
        # python-pptx's ``turbo_add_enabled``: count shape ids instead of reading them all for each new shape,
        # counting from the skeleton's largest id (the copy's), not reading every id of the copy again
        slide.shapes._cached_max_shape_id = max_id
        return slide

    def _slide_skeleton(self, layout: SlideLayout) -> CT_Slide:
        element = CT_Slide.new()
        blank = Slide(element, None)  # type: ignore[arg-type]  # cloning needs no part
        blank.shapes.clone_layout_placeholders(layout)
        if self._background is not None:
            blank.background.fill.solid()
            blank.background.fill.fore_color.rgb = self._background
        vars(blank).clear()  # its shapes refer back to it: a cycle that would keep the skeleton's tree
        return element

    def add_notes(self, slide: Slide, text: str) -> None:
        """Give ``slide`` a notes page holding ``text``, as python-pptx's ``notes_slide`` makes it."""
        if self._notes_master is None:
            self._notes_master = self._prs.part.notes_master_part  # made from python-pptx's default if missing
            element = CT_NotesSlide.new()
            blank = NotesSlide(element, None)  # type: ignore[arg-type]
            blank.clone_master_placeholders(self._notes_master.notes_master)
            vars(blank).clear()
            self._notes_skeleton = element
        assert self._notes_skeleton is not None
        package = self._prs.part.package
        notes = NotesSlidePart(package.next_partname(NOTES_PARTNAME), CT.PML_NOTES_SLIDE, package,
                               copy.deepcopy(self._notes_skeleton))
        notes.relate_to(self._notes_master, RT.NOTES_MASTER)
        notes.relate_to(slide.part, RT.SLIDE)
        slide.part.relate_to(notes, RT.NOTES_SLIDE)
        body = _notes_body(notes._element)
        if body is not None:
            Shape(body, None).text_frame.text = text  # type: ignore[arg-type]  # plain text needs no part

    def finish(self, slide: Slide) -> None:
        """Serialise ``slide`` and its notes page now and let go of their element trees."""
        part = slide.part
        for rel in part.rels.values():
            if rel.reltype == RT.NOTES_SLIDE:
                self._write(rel.target_part)
        self._write(part)

    def _write(self, part: Part) -> None:
        assert isinstance(part, XmlPart)
        self.written[part] = part.blob
        # the part's cached proxies (``slide``, ``notes_slide``) hold the tree as well, in a cycle
        # with their shapes that only a full garbage collection would break
        for cached in ("slide", "notes_slide"):
            proxy = vars(part).pop(cached, None)
            if proxy is not None:
                vars(proxy).clear()
        part._element = None  # type: ignore[assignment]  # so that any later use fails loudly


SP, PH_PATH = qn("p:sp"), f"{qn('p:nvSpPr')}/{qn('p:nvPr')}/{qn('p:ph')}"
SHAPE_TREE = f"{qn('p:cSld')}/{qn('p:spTree')}"


def _notes_body(notes: etree._Element) -> etree._Element | None:
    """Return the notes page's body placeholder, the one python-pptx's ``notes_text_frame`` uses."""
    for sp in notes.find(SHAPE_TREE).iterchildren(SP):
        ph = sp.find(PH_PATH)
        if ph is not None and ph.get("type") == "body":
            return sp
    return None
