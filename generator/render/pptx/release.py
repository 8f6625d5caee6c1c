"""Letting go of a written deck's XML at once, rather than at the next full garbage collection.

Stage: part of the deck renderer, run once a deck is written. python-pptx's parts, package and
proxies (a part and its slide, a slide and its shapes) refer to one another, so their element
trees were freed only by a full collection, every few decks of a batch: a 1,000-row family held
several decks' trees at a time and peaked at 89 MB instead of 71.
"""

from __future__ import annotations

from collections.abc import Container, Iterable

from pptx.opc.package import Part
from pptx.presentation import Presentation as PptxPresentation
from pptx.shared import PartElementProxy


def release_parts(parts: Iterable[Part]) -> None:
    """Empty each part and the proxies it caches; none of them may be used afterwards."""
    for part in parts:
        for proxy in [cached for cached in vars(part).values() if isinstance(cached, PartElementProxy)]:
            vars(proxy).clear()
        vars(part).clear()


def release(prs: PptxPresentation, shared: Container[Part] = ()) -> None:
    """Empty ``prs``, its package and its parts, but those in ``shared`` (a kept template's, used again)."""
    package = prs.part.package
    release_parts([part for part in package.iter_parts() if part not in shared])
    vars(package).clear()
    vars(prs).clear()
