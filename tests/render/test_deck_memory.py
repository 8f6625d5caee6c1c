"""A written deck lets go of its XML at once: a batch must not hold many decks' trees until a full collection."""

from __future__ import annotations

import gc
import io
from collections.abc import Callable, Iterator
from pathlib import Path

import msgspec
import pytest
from lxml import etree
from pptx.opc.package import Part
from pptx.shared import ElementProxy

from generator.deck.plan import plan_deck
from generator.render.pptx import builtin
from generator.render.pptx.deck import render_pptx
from generator.theme.load import resolve_theme
from generator.theme.model import Theme
from tests.deck_fixtures import CREATED, make_png, rich_document
from tests.theme.test_template import corporate_template, write_theme


def _left_for_the_collector(render: Callable[[], None]) -> list[str]:
    """Return what ``render`` left that only the cyclic garbage collector would free: XML and live proxies.

    Emptied parts and proxies may remain in someone's cycle; what matters is that none holds a tree.
    """
    gc.collect()
    gc.disable()
    try:
        render()
        gc.set_debug(gc.DEBUG_SAVEALL)
        gc.collect()
        held = [type(thing).__qualname__ for thing in gc.garbage
                if isinstance(thing, etree._Element)
                or (isinstance(thing, (Part, ElementProxy)) and vars(thing))]
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
        gc.enable()
    return held


@pytest.fixture
def image(tmp_path: Path) -> Iterator[Path]:
    builtin.forget()
    yield make_png(tmp_path / "figure.png")
    builtin.forget()


def _render(theme: Theme, image: Path, label: str = "For discussion") -> Callable[[], None]:
    plan, _ = plan_deck(msgspec.structs.replace(rich_document(image), label=label), theme)
    return lambda: render_pptx(plan, theme, io.BytesIO(), CREATED)


def test_every_way_of_drawing_a_built_in_deck_frees_its_trees_by_reference_counting(image: Path) -> None:
    theme = resolve_theme("classic")
    first, again, relabelled = _render(theme, image), _render(theme, image), _render(theme, image, "Copy 2")
    first()  # python-pptx's loader leaves the built-in template's relationships to the collector, once a process
    builtin.forget()
    assert _left_for_the_collector(first) == []  # the first deck of a shape: dressed in place
    assert _left_for_the_collector(again) == []  # drawn on a kept template, sharing its parts
    assert _left_for_the_collector(relabelled) == []  # a new label: a whole copy, relabelled
    assert builtin.dressed_template.cache_info().currsize >= 1
    assert _left_for_the_collector(again) == []  # the parts the kept template shares stayed whole for the next


def test_a_deck_drawn_on_a_users_template_frees_its_trees_too(tmp_path: Path, image: Path) -> None:
    theme_file = write_theme(tmp_path, corporate_template(tmp_path / "corp.pptx").name)
    theme = resolve_theme(str(theme_file), tmp_path, None, trusted=True)
    assert theme.deck.template is not None
    left = _left_for_the_collector(_render(theme, image))
    # python-pptx's package reader keeps the relationships it read in a recursive closure (a cycle of
    # its own); the template's parts, its sample slides and its thumbnail must not be held with them
    assert left and set(left) == {"CT_Relationships"}
