"""A draft outline assembled from another document's pieces, using only that document's words.

Stage: shared by the importers (``readers.importtxt``, ``readers.importdocx``,
``readers.importmd``); headings, paragraphs, bullets, quotes, tables and pictures in, the plain
data of an outline (what its YAML would parse to) out, plus a list of what could not be mapped.
Nothing is invented: a section's title is a heading of the document, the outline's title is
its first heading or the file's stem (``title_from`` says which), and text is only split
(a lead-in from its bullet, a quotation from its "According to" sentence), never reworded.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

LEAD_MAX_WORDS = 6
# "According to Dr. Emily Chen, a senior analyst at CSIS, “...”": an inline pattern on one paragraph's
# text (the block structure always comes from the document's own parser or lines).
_ACCORDING = re.compile(r"^According to (?P<by>[^,]+), (?P<role>.+?),\s*[\u201c\"](?P<text>.+)[\u201d\"]\s*$")
_ARTICLES = ("a ", "an ", "the ")


@dataclass
class Draft:
    """The outline being assembled, in document order."""

    stem: str
    title: str | None = None
    title_from: str = ""
    sections: list[dict[str, Any]] = field(default_factory=list)
    before_first: list[Any] = field(default_factory=list)  # text before any heading: the first section's prose
    unmapped: list[str] = field(default_factory=list)

    def _content(self) -> list[Any]:
        return self.sections[-1]["content"] if self.sections else self.before_first

    def heading(self, text: str) -> None:
        text = " ".join(text.split())
        if not text:
            return
        if self.title is None and not self.sections and not self.before_first:
            self.title, self.title_from = text, "the first heading"
            return
        self.sections.append({"title": text, "content": []})

    def paragraph(self, text: str) -> None:
        text = " ".join(text.split())
        if not text:
            return
        said = _ACCORDING.match(text)
        if said:
            self.quote(said["text"], said["by"], said["role"])
        else:
            self._content().append(text)

    def quote(self, text: str, by: str | None = None, role: str | None = None) -> None:
        quote: dict[str, Any] = {"text": " ".join(text.split())}
        if by:
            quote["by"] = by.strip()
        if role:
            role = role.strip()
            for article in _ARTICLES:
                if role.lower().startswith(article):
                    role = role[len(article):]
                    break
            quote["role"] = role[:1].upper() + role[1:]
        self._content().append({"quote": quote})

    def bullet(self, text: str, lead: str | None = None, level: int = 0) -> None:
        """Add a bullet; without an explicit lead-in a short ``Lead:text`` prefix becomes one."""
        text = " ".join(text.split())
        if lead is None:
            lead, text = split_lead(text)
        if not text:
            return
        content = self._content()
        if not content or not isinstance(content[-1], dict) or "points" not in content[-1]:
            content.append({"points": []})
        points = content[-1]["points"]
        item: Any = {lead.strip(): text} if lead else text
        if level > 0 and points:
            parent = points[-1]
            if not isinstance(parent, dict) or "points" not in parent:
                if isinstance(parent, dict):  # a lead-in and sub-points: keep the lead as bold text
                    (parent_lead, parent_text), = parent.items()
                    parent = {"text": f"**{parent_lead}:** {parent_text}"}
                else:
                    parent = {"text": parent}
                parent["points"] = []
                points[-1] = parent
            if level > 1:
                self.unmapped.append(f"a bullet nested {level + 1} levels deep was made a sub-bullet: {text[:50]}")
            parent["points"].append(item)
        else:
            points.append(item)

    def table(self, columns: list[str], rows: list[list[str]]) -> None:
        if not columns:
            return
        width = len(columns)
        fixed = [(row + [""] * width)[:width] for row in rows]
        if any(len(row) > width for row in rows):
            self.unmapped.append(f"a table row has more cells than its {width} columns; the extra cells were left out")
        self._content().append({"table": {"columns": columns, "rows": fixed}})

    def image(self, path: str, alt: str | None) -> None:
        image: dict[str, Any] = {"path": path}
        if alt:
            image["alt"] = alt
        else:
            self.unmapped.append(f"the picture {path} has no alt text; add `alt:` before building")
        self._content().append({"image": image})

    def outline(self) -> dict[str, Any]:
        """Return the outline's data: title, then sections (text before any heading opens the first)."""
        title = self.title
        if title is None:
            title, self.title_from = " ".join(self.stem.replace("-", " ").replace("_", " ").split()), "the file name"
        sections = [dict(s) for s in self.sections]
        if self.before_first:
            if sections:
                sections[0] = {"title": sections[0]["title"], "content": self.before_first + sections[0]["content"]}
            else:
                sections = [{"title": title, "content": self.before_first}]
        if not sections:
            sections = [{"title": title, "content": []}]
        for section in sections:
            if not section["content"]:
                del section["content"]
        return {"title": title, "sections": sections}


def split_lead(text: str) -> tuple[str | None, str]:
    """Split ``Lead:text`` or ``Lead: text`` (a short prefix) into its lead-in and its text."""
    lead, colon, rest = text.partition(":")
    if not colon or not rest.strip() or not lead.strip() or len(lead.split()) > LEAD_MAX_WORDS \
            or lead.rstrip().endswith((".", "!", "?")) or rest.startswith("//"):
        return None, text
    return lead.strip().strip("*").strip(), rest.strip()
