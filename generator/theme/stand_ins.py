"""The faces a template's own typefaces are fitted with: the theme's files for them, else stand-ins.

Stage: part of the theme loader (the template's typefaces and the theme's ``deck.template-fonts``
in, the two faces the deck planner measures with and notes on any stand-in out). A template names
its typefaces in its theme part; the deck's text is set in them, so it must be measured with them.
"""

from __future__ import annotations

from msgspec.structs import replace

from generator.theme.model import FontFace
from generator.theme.template import DeckTemplate


def measuring_faces(template: DeckTemplate | None, files: dict[str, FontFace], heading: FontFace, body: FontFace
                    ) -> tuple[tuple[FontFace, FontFace] | None, tuple[str, ...]]:
    """Return the faces the planner measures a template's typefaces with, and notes on stand-ins used.

    Each typeface the template's theme names is measured with the files the theme gives for
    it, else with the typeface itself or a metric-compatible stand-in installed here, else
    (noted) with the theme's own face.
    """
    if template is None:
        return None, ()
    from generator.theme.fonts import installed_face  # reportlab, only for templated themes

    faces, notes = [], []
    for role, typeface, own in (("heading", template.info.heading_typeface, heading),
                                ("body", template.info.body_typeface, body)):
        if role in files:
            faces.append(replace(files[role], deck_family=typeface or own.deck_family))
            continue
        found = installed_face(typeface) if typeface else None
        faces.append(found[1] if found else own)
        if found and found[0] != typeface:
            notes.append(f"text is fitted with {found[0]}, a metric-compatible stand-in for the template's "
                         f"{typeface}; name {typeface}'s files in theme.deck.template-fonts to fit with it")
        elif typeface and not found:
            notes.append(f"the template's typeface {typeface} is not installed and has no known stand-in; text is "
                         f"fitted with {own.deck_family}; name its files in theme.deck.template-fonts")
    return (faces[0], faces[1]), tuple(dict.fromkeys(notes))
