"""``briefdeck new``: a starter outline that builds as it is and shows every block type once.

Stage: writes files for the author; nothing else in the pipeline depends on it. Besides the
outline it writes the small picture the image block shows and the JSON Schema the first line
points editors at, so completion works without any network.
"""

from __future__ import annotations

import json
from pathlib import Path

from generator.errors import BriefdeckError
from generator.readers.schema import outline_schema

SCHEMA_FILE = "outline.schema.json"

STARTER = """\
# yaml-language-server: $schema={schema}
title: {title}
subtitle: One outline, a PDF brief and a PowerPoint deck
date: 2026-01-15
authors:
  - {{name: A. Analyst, role: Research desk}}
organization: Your organization
label: Draft
language: en
summary:
  - State the bottom line first [@survey].
  - Each takeaway is one sentence a reader can repeat.
sections:
  - title: What happened
    key: The section's one-line message becomes the slide title
    content:
      - >-
        A paragraph goes into the brief and into the speaker notes. Its first
        sentence becomes a bullet when the section has no points.
      - points:
          - Lead-in: a bullet whose lead-in (the words before the colon) is bold.
          - A plain bullet with **bold** and *italic* text and a [link](https://example.org).
          - text: A bullet with sub-points
            points:
              - The first sub-point.
              - The second sub-point.
      - quote: {{text: A short quotation that makes the point., by: A. Source, role: Practitioner, source: survey}}
      - figures:
          - {{value: "42%", label: share of respondents, source: survey}}
          - {{value: "3.1x", label: growth since 2020}}
  - title: The evidence
    key: Charts are native and editable in the deck
    content:
      - chart:
          type: column
          title: Responses by region
          categories: [North, South, East, West]
          series:
            - {{name: "2025", values: [12, 18, 9, 14]}}
            - {{name: "2026", values: [15, 21, 11, 13]}}
          unit: responses
          source: survey
      - table:
          caption: Regions at a glance
          columns: [Region, Responses, Change]
          rows:
            - [North, "15", "+25%"]
            - [South, "21", "+17%"]
      - image:
          path: {image}
          alt: A simple bar picture standing in for a real figure
          caption: Replace this picture with your own
      - callout:
          title: Why it matters
          text: A shaded box in the brief; its own slide in the deck.
sources:
  - {{id: survey, title: Regional survey 2026, publisher: Example Institute, date: 2026-01-10, url: "https://example.org/survey"}}
"""


def _picture(path: Path) -> None:
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (640, 360), "white")
    draw = ImageDraw.Draw(image)
    for index, height in enumerate((120, 200, 90, 160)):
        left = 80 + index * 130
        draw.rectangle((left, 320 - height, left + 90, 320), fill=(31, 58, 95))
    draw.line((60, 320, 600, 320), fill=(90, 90, 90), width=3)
    image.save(path, format="PNG", optimize=True)


def write_starter(target: Path) -> list[Path]:
    """Write ``NAME.yaml`` (and its picture and schema beside it); refuse to overwrite an outline."""
    if not target.name or not target.name.strip(". "):
        raise BriefdeckError(f"briefdeck new: {str(target)!r} is not a file name; name the outline, as in "
                             "`briefdeck new my-brief`")
    outline = target if target.suffix in (".yaml", ".yml") else target.with_name(target.name + ".yaml")
    if outline.exists():
        raise BriefdeckError(f"{outline}: already exists; choose another name")
    outline.parent.mkdir(parents=True, exist_ok=True)
    picture = outline.with_name(f"{outline.stem}-figure.png")
    schema = outline.with_name(SCHEMA_FILE)
    _picture(picture)
    schema.write_text(json.dumps(outline_schema(), indent=2) + "\n", encoding="utf-8")
    title = outline.stem.replace("-", " ").replace("_", " ").strip().capitalize() or "A new brief"
    outline.write_text(STARTER.format(schema=SCHEMA_FILE, title=json.dumps(title), image=picture.name),
                       encoding="utf-8")
    return [outline, picture, schema]
