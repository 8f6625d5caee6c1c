"""Keep python-pptx linear on long decks, on one presentation object at a time.

Stage: set up by the deck renderer before it adds slides. python-pptx looks for a free
part name by collecting every part's name, and relates a new slide only after comparing it
with every existing relationship, so each new slide costs time in proportion to the slides
before it. The replacements below are installed on one presentation's objects, never on
python-pptx's classes, so nothing else in the process is affected.
"""

from __future__ import annotations

from typing import Any

from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.package import OpcPackage
from pptx.opc.packuri import PackURI
from pptx.presentation import Presentation as PptxPresentation


class PartNames:
    """Hand out new part names without walking the whole package for each one.

    python-pptx's ``Package.next_partname`` collects every part's name on every call, which
    makes a 400-slide deck with notes and charts quadratic. Installed on one package object
    only (never on the class), it keeps the names taken so far and a counter per template.
    """

    def __init__(self, package: OpcPackage) -> None:
        self._taken = {str(part.partname) for part in package.iter_parts()}
        self._next: dict[str, int] = {}

    def __call__(self, template: str) -> PackURI:
        number = self._next.get(template, 1)
        while template % number in self._taken:
            number += 1
        name = template % number
        self._taken.add(name)
        self._next[template] = number + 1
        return PackURI(name)


def relate_new_slides(prs: PptxPresentation) -> None:
    """Relate each new slide to the presentation without scanning every existing relationship.

    python-pptx's ``relate_to`` first looks for an equal relationship among all of the
    presentation's, so adding n slides is quadratic; a slide part made a moment ago cannot
    have one. Installed on this presentation part only.
    """
    part = prs.part
    general = part.relate_to

    def relate_to(target: Any, reltype: str, is_external: bool = False) -> str:
        if reltype == RT.SLIDE and not is_external:
            return part.rels._add_relationship(reltype, target)
        return general(target, reltype, is_external)

    part.relate_to = relate_to  # type: ignore[method-assign]


def speed_up(prs: PptxPresentation) -> None:
    """Install both replacements on ``prs``."""
    package = prs.part.package
    package.next_partname = PartNames(package)  # type: ignore[method-assign,assignment]
    relate_new_slides(prs)
