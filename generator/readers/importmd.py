"""Importing an ordinary Markdown document: a ``.md`` file in, a ``Draft`` outline out.

Stage: used by ``briefdeck import``. Unlike a Markdown outline (``readers.markdown``), an
ordinary document has no front matter and may use any heading levels: a lone first ``# ``
heading is the title, the highest level after it makes sections, deeper headings are kept as
bold paragraphs (and reported). The structure comes from markdown-it's syntax tree; inline
Markdown (bold, italic, links) is the outline's own inline markup and is kept as written.
"""

from __future__ import annotations

from pathlib import Path

from markdown_it.tree import SyntaxTreeNode

from generator.errors import BriefdeckError
from generator.readers.draft import Draft, split_lead
from generator.readers.mdinline import make_parser

_DASHES = ("\u2014", "\u2013", "--")
_NAMES = {"fence": "code block", "code_block": "code block", "hr": "horizontal rule", "html_block": "HTML block"}


def _text(node: SyntaxTreeNode) -> str:
    """Return the inline Markdown of a paragraph, heading or cell as written."""
    inline = node.children[0] if node.children else None
    return " ".join((inline.content if inline is not None else "").split())


def _lead(text: str) -> tuple[str | None, str]:
    for opener, closer in (("**", ":**"), ("**", "**:")):
        if text.startswith(opener) and closer in text:
            lead, _, rest = text[len(opener):].partition(closer)
            if lead.strip() and rest.strip():
                return lead.strip(), rest.strip()
    return split_lead(text)


def _points(draft: Draft, node: SyntaxTreeNode, level: int) -> None:
    for item in node.children:
        paragraphs = [c for c in item.children if c.type == "paragraph"]
        if paragraphs:
            lead, text = _lead(" ".join(_text(p) for p in paragraphs))
            draft.bullet(text, lead, level)
        for child in item.children:
            if child.type in ("bullet_list", "ordered_list"):
                _points(draft, child, level + 1)


def _quote(draft: Draft, node: SyntaxTreeNode) -> None:
    texts = [_text(c) for c in node.children if c.type == "paragraph"]
    by = role = None
    if len(texts) > 1 and texts[-1].startswith(_DASHES):
        by, _, role = texts.pop().lstrip("".join(_DASHES)).strip().partition(", ")
    if texts:
        draft.quote(" ".join(texts), by, role or None)


def import_md(path: Path) -> Draft:
    """Return the draft outline of an ordinary Markdown document."""
    text = path.read_text(encoding="utf-8-sig")
    if text.startswith("---\n"):
        raise BriefdeckError(f"{path}:1:1: this is already a Markdown outline (it opens with front matter); "
                             "check or build it as it is")
    tree = SyntaxTreeNode(make_parser().parse(text))
    draft = Draft(path.stem)
    levels = [int(n.tag[1:]) for n in tree.children if n.type == "heading"]
    title_level = levels[0] if levels and levels.count(levels[0]) == 1 and len(levels) > 1 else None
    section_level = min((lv for lv in levels if lv != title_level), default=2)
    for node in tree.children:
        if node.type == "heading":
            level = int(node.tag[1:])
            if level == title_level and draft.title is None:
                draft.title, draft.title_from = _text(node), "the first heading"
            elif level <= section_level:
                draft.sections.append({"title": _text(node), "content": []})
            else:
                draft.unmapped.append(f"the level-{level} heading “{_text(node)[:50]}” was kept as a bold paragraph")
                draft.paragraph(f"**{_text(node)}**")
        elif node.type == "paragraph":
            inline = node.children[0].children if node.children else []
            if len(inline) == 1 and inline[0].type == "image":
                image = inline[0]
                alt = " ".join(c.content for c in image.children if c.type == "text")
                draft.image(str(image.attrs.get("src", "")), alt or None)
            else:
                draft.paragraph(_text(node))
        elif node.type in ("bullet_list", "ordered_list"):
            _points(draft, node, 0)
        elif node.type == "blockquote":
            _quote(draft, node)
        elif node.type == "table":
            rows = [[_text(cell) for cell in row.children] for part in node.children for row in part.children]
            if rows:
                draft.table(rows[0], rows[1:])
        else:
            line = node.map[0] + 1 if node.map else 1
            draft.unmapped.append(f"line {line}: a Markdown {_NAMES.get(node.type, node.type)} has no place in an "
                                  "outline and was left out")
    return draft
