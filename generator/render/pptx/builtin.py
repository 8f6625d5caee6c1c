"""The built-in template, parsed once per process, dressed once per theme and deck shape, copied per deck.

Stage: part of the deck renderer (a DressSpec and a Style in, a presentation to draw one deck
on out). Parsing the template took 4.9 ms of every deck and dressing it 5.6 ms; the decks of a
batch or a data family in one theme mostly give equal specs, so from the second such deck on
the dressing is kept and each deck gets a copy that shares every part drawing never changes.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from functools import cache, lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import NamedTuple

from lxml import etree
from pptx import Presentation
from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.package import Part, XmlPart
from pptx.presentation import Presentation as PptxPresentation

from generator.render.pptx.design import DressSpec, dress, label_layouts, unlabelled
from generator.render.pptx.draw import Dressed, Style, emu
from generator.render.pptx.release import release
from generator.render.pptx.slides import Skeletons

DEFAULT_TEMPLATE = Path(__file__).with_name("default-16x9.pptx")


@cache
def _default_template() -> PptxPresentation:
    """Return the built-in template as parsed once per process, never to be changed: each dressing
    takes a deep copy (1.7 ms), where parsing the file again took 4.9 ms."""
    return Presentation(str(DEFAULT_TEMPLATE))


# what drawing a deck changes of its template: the slide list and size, and the document properties
PER_DECK = frozenset((CT.PML_PRESENTATION_MAIN, CT.OPC_CORE_PROPERTIES, CT.OFC_EXTENDED_PROPERTIES))


def _fresh(prs: PptxPresentation) -> PptxPresentation:
    """Return a new copy of the built-in template holding what ``prs``'s parts hold.

    Deep copies of a presentation python-pptx has worked on come out torn: its cached proxies
    (a layout's shapes, the master list) hold elements inside a part's tree, and each is
    copied as a tree of its own. A template nothing has looked into copies whole. Each root
    element is refilled in place, so the proxies the new copy has (its presentation) stay
    on the tree its part writes.
    """
    fresh = copy.deepcopy(_default_template())
    worked = {part.partname: part for part in prs.part.package.iter_parts()}
    for part in fresh.part.package.iter_parts():
        source = worked[part.partname]
        if isinstance(part, XmlPart) and isinstance(source, XmlPart):
            root = part._element
            root.clear()
            root.attrib.update(source._element.attrib)
            root.extend(copy.deepcopy(child) for child in source._element)
        else:
            part._blob = source.blob
    return fresh


def _layouts(prs: PptxPresentation) -> list[etree._Element]:
    """Return the ``p:sldLayout`` elements of the master's layouts, read without python-pptx's proxies."""
    master = prs.part.part_related_by(RT.SLIDE_MASTER)
    parts = (rel.target_part for rel in master.rels.values() if rel.reltype == RT.SLIDE_LAYOUT)
    return [part._element for part in parts if isinstance(part, XmlPart)]


class Drawing(NamedTuple):
    """A presentation to draw one deck on, what its layouts give, and what it shares with other decks."""

    prs: PptxPresentation
    dressed: Dressed | None  # None: a user's template, which keeps its own look
    written: Mapping[Part, bytes] = MappingProxyType({})  # parts serialised already
    skeletons: Skeletons | None = None  # slide skeletons of its layouts; None: the deck makes its own

    def release(self) -> None:
        """Free the deck's own XML once it is written; the parts it shares with later decks stay whole."""
        release(self.prs, self.written)


class DressedTemplate(NamedTuple):
    """The built-in template dressed for one theme and deck shape, and its parts decks may share.

    ``prs`` is never looked into through python-pptx's proxies (see ``_fresh``), so it deep-copies
    whole; decks draw on copies.
    """

    prs: PptxPresentation
    dressed: Dressed
    shared: tuple[Part, ...]  # master, layouts, theme, ...: read by every deck, written by none
    written: Mapping[Part, bytes]  # the shared parts, serialised once
    skeletons: Skeletons  # filled by the decks drawn on copies

    def copy(self) -> PptxPresentation:
        """Return a presentation to draw one deck on: its own package, slide list and properties.

        The shared parts are taken as they are, not copied (a deep copy of the whole template
        took 1.7 ms of every deck): drawing relates new slides to them but never changes them.
        """
        return copy.deepcopy(self.prs, {id(part): part for part in self.shared})


@lru_cache(maxsize=6)
def dressed_template(spec: DressSpec, style: Style) -> DressedTemplate:
    """Return the built-in template dressed after ``spec`` in ``style``'s theme.

    Decks of one theme and one shape (a batch) have equal specs: dressing took 5.6 ms
    of every such deck's 39 ms. Decks that differ in their label alone (a data family) share
    one template dressed without it, copied and relabelled for each label.
    """
    blank = unlabelled(spec)
    if blank != spec:
        kept = dressed_template(blank, style)
        prs = copy.deepcopy(kept.prs)
        label_layouts(_layouts(prs), spec.label)
        dressed = kept.dressed
    else:
        worked = copy.deepcopy(_default_template())
        worked.slide_width, worked.slide_height = emu(spec.width_pt), emu(spec.height_pt)
        dressed = dress(worked, spec, style)
        prs = _fresh(worked)
        release(worked)
    shared = tuple(part for part in prs.part.package.iter_parts() if part.content_type not in PER_DECK)
    return DressedTemplate(prs, dressed, shared, {part: part.blob for part in shared}, {})


SEEN = 32  # the specs (with and without their label) and styles remembered as seen
_seen: dict[tuple[DressSpec, Style], None] = {}  # in the order first seen


def _first_sight(spec: DressSpec, style: Style) -> bool:
    """Tell whether this process has not drawn a deck of ``spec`` in ``style`` yet, and remember it."""
    if (spec, style) in _seen:
        return False
    _seen[spec, style] = None
    if len(_seen) > SEEN:
        del _seen[next(iter(_seen))]
    return True


def template_for(spec: DressSpec, style: Style) -> Drawing:
    """Return a presentation dressed after ``spec`` to draw one deck on, and what its layouts give.

    The first deck of a shape in a process is dressed in place, as cheaply as ever: a single
    build (and every build of watch and the API, whose decks are drawn in a forked process)
    never needs a second. A deck whose spec was seen before draws on a copy of a kept template
    that shares its unchanged parts. A deck whose label alone is new (a data family's row)
    draws on a whole copy of the template kept without a label, relabelled: a label seen once
    is not worth keeping a template for.
    """
    blank = unlabelled(spec)
    new_shape, new_label = _first_sight(blank, style), _first_sight(spec, style)
    if new_shape:
        prs = copy.deepcopy(_default_template())
        prs.slide_width, prs.slide_height = emu(spec.width_pt), emu(spec.height_pt)
        return Drawing(prs, dress(prs, spec, style))
    if new_label:
        kept = dressed_template(blank, style)
        prs = copy.deepcopy(kept.prs)
        label_layouts(_layouts(prs), spec.label)
        return Drawing(prs, kept.dressed)
    kept = dressed_template(spec, style)
    return Drawing(kept.copy(), kept.dressed, kept.written, kept.skeletons)


def forget() -> None:
    """Forget every shape seen and every template kept (for tests of both paths)."""
    _seen.clear()
    dressed_template.cache_clear()
