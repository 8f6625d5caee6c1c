"""The outline format as JSON Schema, for editors' YAML completion and validation.

Stage: read by ``briefdeck schema`` and ``briefdeck new``. The loader remains the authority
(it also checks citations, image files and links); this schema describes the same keys so
editors can complete them, and a test keeps the two in step.
"""

from __future__ import annotations

from typing import Any

SCHEMA_ID = "https://briefdeck.invalid/schema/outline-1.json"
_TEXT: dict[str, Any] = {"type": ["string", "number"], "description": "text; **bold**, *italic*, "
                         "[label](https://...), [@source-id] and [^footnote] are understood"}


def _obj(properties: dict[str, Any], required: tuple[str, ...] = (), description: str = "") -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "object", "properties": properties, "additionalProperties": False}
    if required:
        schema["required"] = list(required)
    if description:
        schema["description"] = description
    return schema


def _block(key: str, body: dict[str, Any]) -> dict[str, Any]:
    return _obj({key: body}, (key,))


def outline_schema() -> dict[str, Any]:
    """Return the JSON Schema (draft 2020-12) of outline format version 1."""
    point_leaf = {"oneOf": [_TEXT, {"type": "object", "minProperties": 1, "maxProperties": 1,
                                    "additionalProperties": _TEXT, "description": "Lead: text"}]}
    point = {"oneOf": [point_leaf["oneOf"][0], point_leaf["oneOf"][1],
                       _obj({"text": _TEXT, "points": {"type": "array", "items": point_leaf}}, ("text",))]}
    points = {"type": "array", "items": point, "minItems": 1}
    source_ref = {"type": "string", "description": "the id of an entry in sources"}
    data_file = {"type": "string", "description": "a .csv, .tsv or .xlsx file next to the outline"}
    row = {"type": "array", "items": {"type": ["string", "number", "null"]}}
    blocks = [
        _TEXT,
        _block("text", _TEXT),
        _block("points", points),
        _block("quote", {"oneOf": [_TEXT, _obj({"text": _TEXT, "by": _TEXT, "role": _TEXT,
                                                "source": source_ref}, ("text",))]}),
        _block("figures", {"type": "array", "minItems": 1, "items": _obj(
            {"value": _TEXT, "label": _TEXT, "source": source_ref}, ("value", "label"))}),
        _block("chart", _obj({
            "type": {"enum": ["bar", "column", "line", "pie", "stacked-bar"]},
            "title": _TEXT, "unit": _TEXT, "source": source_ref,
            "data": data_file, "sheet": {"type": "string"}, "x": {"type": "string"},
            "y": {"oneOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]},
            "categories": {"type": "array", "items": _TEXT, "minItems": 1},
            "series": {"type": "array", "minItems": 1, "items": _obj(
                {"name": _TEXT, "values": {"type": "array", "items": {"type": "number"}}}, ("values",))},
        }, ("type",))),
        _block("table", _obj({
            "columns": {"type": "array", "items": _TEXT, "minItems": 1},
            "rows": {"type": "array", "items": row},
            "caption": _TEXT, "source": source_ref, "data": data_file, "sheet": {"type": "string"},
            "format": {"oneOf": [{"type": "string"}, {"type": "object", "additionalProperties": {"type": "string"}}]},
            "total": {"type": "boolean"}, "totals": row,
        })),
        _block("image", _obj({"path": {"type": "string"}, "alt": _TEXT, "caption": _TEXT}, ("path", "alt"))),
        _block("callout", _obj({"title": _TEXT, "text": _TEXT}, ("text",))),
        _block("heading", _TEXT),
    ]
    section = _obj({
        "title": _TEXT,
        "key": _TEXT,
        "content": {"oneOf": [{"type": "array", "items": {"oneOf": blocks}},
                              {"type": "string", "description": "Markdown: paragraphs, lists, quotes, tables"}]},
        "deck": _obj({"points": points, "notes": _TEXT, "skip": {"type": "boolean"}}),
        "brief": _obj({"skip": {"type": "boolean"}}),
    }, ("title",))
    source = _obj({k: _TEXT for k in ("title", "publisher", "author", "date", "url", "accessed")}
                  | {"id": {"type": "string"}}, ("id", "title"))
    library = {"type": "string", "description": "a BibTeX (.bib) or CSL-JSON (.json) file next to the outline"}
    author = {"oneOf": [_TEXT, _obj({"name": _TEXT, "role": _TEXT}, ("name",))]}
    top = _obj({
        "title": _TEXT,
        "subtitle": _TEXT,
        "date": {"type": "string", "format": "date"},
        "authors": {"type": "array", "items": author},
        "organization": _TEXT,
        "label": _TEXT,
        "series": _TEXT,
        "url": {"type": "string", "pattern": "^[Hh][Tt][Tt][Pp][Ss]?://"},
        "how-to-cite": {"oneOf": [{"type": "boolean"}, _TEXT]},
        "theme": {"type": "string"},
        "language": {"type": "string", "pattern": "^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$"},
        "summary": {"type": "array", "items": _TEXT},
        "sections": {"type": "array", "items": section, "minItems": 1},
        "sources": {"oneOf": [library, {"type": "array", "items": {"oneOf": [library, source]}}]},
    }, ("title", "sections"), "A briefdeck outline: one analysis, rendered as a PDF brief and a PowerPoint deck")
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": SCHEMA_ID,
            "title": "briefdeck outline", **top}
