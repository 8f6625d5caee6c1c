"""Reading a Markdown outline: a ``.md`` file in, the tree a YAML outline gives (YMap/YList) out.

Stage: the first of the pipeline, beside ``source.yamlsource``. The tree then goes through the
same ``readers.outline`` validation, so a Markdown and a YAML outline of the same content give
equal documents and the same messages. Every position is the Markdown file's own line: the
front matter and fenced YAML blocks are parsed padded with blank lines. The block structure
comes from markdown-it's syntax tree (never from patterns), inline formatting from
``readers.mdinline``. Imported only when Markdown is read.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from markdown_it.tree import SyntaxTreeNode

from generator.errors import InputError, Problem
from generator.model import Span
from generator.readers.mapping import Pos, ylist, ymap
from generator.readers.mdinline import inline_text, make_parser, marked, spans_of, split_lead
from generator.readers.yamlhelp import explained
from generator.source.yamlsource import YList, YMap, parse_yaml, read_text

FENCED_BLOCKS = ("chart", "figures", "callout", "table", "image", "quote", "points")
SECTION_FENCE = "section"
SECTION_FENCE_KEYS = ("key", "deck", "brief")
_DASHES = ("\u2014", "\u2013", "\u2015", "--")


class BlockReader:
    """Turns markdown-it block nodes into outline content values, recording what it cannot map."""

    def __init__(self, path: Path, lines: list[str], column: int = 1) -> None:
        self.path = path
        self.lines = lines  # the text as parsed, for columns
        self.column = column  # where the text starts on its lines (a YAML block's indentation + 1)
        self.problems: list[Problem] = []

    def pos(self, node: SyntaxTreeNode) -> Pos:
        """Return where a block node starts: its first line, at its first character after any `>` markers."""
        line = node.map[0] if node.map else 0
        text = self.lines[line] if line < len(self.lines) else ""
        column = len(text) - len(text.lstrip(" >")) if node.type != "blockquote" else len(text) - len(text.lstrip())
        return line + 1, self.column + column

    def fail(self, pos: Pos, message: str) -> None:
        self.problems.append(Problem(self.path, pos[0], pos[1], message))

    def yaml(self, node: SyntaxTreeNode) -> Any:
        """Parse a fenced block's body as YAML, positions in this file (None after a problem)."""
        if not node.content.strip():
            self.fail(self.pos(node), f"this ```{node.info.strip()} block is empty")
            return None
        try:
            return parse_yaml("\n" * (self.pos(node)[0]) + node.content, self.path)
        except InputError as exc:
            self.problems += explained(exc, self.lines).problems
            return None

    def blocks(self, nodes: list[SyntaxTreeNode]) -> list[tuple[Any, Pos]]:
        """Return the content values of consecutive block nodes."""
        values = []
        for node in nodes:
            value = self.block(node)
            if value is not None:
                values.append((value, self.pos(node)))
        return values

    def block(self, node: SyntaxTreeNode) -> Any:
        pos = self.pos(node)
        if node.type == "paragraph":
            return self.paragraph(node, pos)
        if node.type in ("bullet_list", "ordered_list"):
            return ymap(pos, [("points", self.points(node, 0), pos)])
        if node.type == "blockquote":
            return self.quote(node, pos)
        if node.type == "table":
            return ymap(pos, [("table", self.table(node, pos), pos)])
        if node.type == "fence":
            kind = (node.info.split() or [""])[0]
            if kind in FENCED_BLOCKS:
                body = self.yaml(node)
                return ymap(pos, [(kind, body, (pos[0] + 1, 1))]) if body is not None else None
            self.fail(pos, f"a fenced ```{kind} block is not an outline block; fence only "
                           f"{', '.join(FENCED_BLOCKS)} (or {SECTION_FENCE}, right under a `## ` heading)")
            return None
        if node.type == "code_block":
            self.fail(pos, "a line indented by four or more spaces is a code block in Markdown, which an outline "
                           "has no place for; remove the indentation")
            return None
        if node.type == "hr":
            self.fail(pos, "a horizontal rule (---, ***) has no meaning in an outline; remove it "
                           "(sections start at `## ` headings)")
            return None
        if node.type == "heading" and node.tag == "h3":  # a subheading inside the section
            return ymap(pos, [("heading", inline_text(_inline(node)), pos)])
        if node.type == "heading":
            self.fail(pos, f"a `{'#' * int(node.tag[1:])} ` heading cannot stand here; `## ` headings start "
                           "sections and `### ` headings are their subheadings")
            return None
        self.fail(pos, f"Markdown `{node.type}` has no place in an outline")
        return None

    def paragraph(self, node: SyntaxTreeNode, pos: Pos) -> Any:
        tokens = [t for t in _inline(node) if not (t.type == "text" and not t.content.strip())]
        if len(tokens) == 1 and tokens[0].type == "image":
            image = tokens[0]
            alt = "".join(child.content for child in image.children or [])
            pairs = [("path", str(image.attrs.get("src", "")), pos), ("alt", alt or None, pos)]
            if image.attrs.get("title"):
                pairs.append(("caption", str(image.attrs["title"]), pos))
            return ymap(pos, [("image", ymap(pos, pairs), pos)])
        if any(t.type == "image" for t in tokens):
            self.fail(pos, "an image must be a paragraph of its own: put `![alt](file)` on its own lines")
        return inline_text(_inline(node))

    def points(self, node: SyntaxTreeNode, depth: int) -> YList:
        items = []
        for item in node.children:
            value = self.point(item, depth)
            if value is not None:
                items.append((value, self.pos(item)))
        return ylist(self.pos(node), items)

    def point(self, item: SyntaxTreeNode, depth: int) -> Any:
        pos = self.pos(item)
        paragraphs = [c for c in item.children if c.type == "paragraph"]
        lists = [c for c in item.children if c.type in ("bullet_list", "ordered_list")]
        others = [c for c in item.children if c not in paragraphs and c not in lists]
        for other in others:
            self.fail(self.pos(other), f"a bullet holds text and sub-bullets only, not Markdown `{other.type}`")
        if len(paragraphs) != 1:
            self.fail(pos, "a bullet holds one paragraph of text" if paragraphs else "this bullet is empty")
            return None
        spans, cites, bad = spans_of(_inline(paragraphs[0]))
        if lists:
            children = self.points(lists[0], depth + 1)
            return ymap(pos, [("text", marked(spans, cites, bad), pos), ("points", children, self.pos(lists[0]))])
        split = split_lead(spans)
        if split is None:
            return marked(spans, cites, bad)
        lead, rest = split
        return ymap(pos, [(marked(lead, [], []), marked(rest, cites, bad), pos)])

    def quote(self, node: SyntaxTreeNode, pos: Pos) -> Any:
        paragraphs = [c for c in node.children if c.type == "paragraph"]
        for other in (c for c in node.children if c.type != "paragraph"):
            self.fail(self.pos(other), f"a quote holds paragraphs and an attribution line only, not `{other.type}`")
        pairs: list[tuple[Any, Any, Pos]] = []
        if paragraphs and len(paragraphs) > 1:
            last, cites, _ = spans_of(_inline(paragraphs[-1]))
            if last and last[0].cite is None and last[0].text.startswith(_DASHES):
                said = self.pos(paragraphs.pop())
                who = "".join(s.text for s in last if s.cite is None).lstrip("".join(_DASHES)).strip()
                by, _, role = who.partition(", ")
                pairs += [(k, v, said) for k, v in (("by", by.strip()), ("role", role.strip())) if v]
                if cites:
                    pairs.append(("source", cites[-1], said))
        spans: list[Span] = []
        all_cites: list[str] = []
        all_bad: list[str] = []
        for paragraph in paragraphs:
            more, cites, bad = spans_of(_inline(paragraph))
            spans += ([Span(" ")] if spans else []) + more
            all_cites += cites
            all_bad += bad
        text = marked(spans, all_cites, all_bad)
        return ymap(pos, [("quote", ymap(pos, [("text", text, pos), *pairs]), pos)])

    def table(self, node: SyntaxTreeNode, pos: Pos) -> YMap:
        head = [c for c in node.children if c.type == "thead"]
        body = [c for c in node.children if c.type == "tbody"]
        header_rows = head[0].children if head else []
        columns = ylist(pos, [(inline_text(_inline(cell)), pos) for cell in header_rows[0].children]) \
            if header_rows else ylist(pos, [])
        rows = []
        for row in body[0].children if body else []:
            where = self.pos(row)
            rows.append((ylist(where, [(inline_text(_inline(cell)), where) for cell in row.children]), where))
        return ymap(pos, [("columns", columns, pos), ("rows", ylist(pos, rows), pos)])


def _inline(node: SyntaxTreeNode) -> list[Any]:
    """Return the flat inline tokens of a paragraph, heading or table cell."""
    inline = node.children[0] if node.children else None
    if inline is None or inline.token is None:
        return []
    return list(inline.token.children or [])


def parse_markdown(text: str) -> SyntaxTreeNode:
    """Return markdown-it's syntax tree of ``text``."""
    return SyntaxTreeNode(make_parser().parse(text))


def markdown_content(text: str, path: Path, first_line: int, column: int = 1) -> tuple[YList, list[Problem]]:
    """Return the content blocks a Markdown string in a YAML outline (``content: |``) stands for.

    ``first_line`` and ``column`` are where the text starts in the file; headings and section
    blocks are refused.
    """
    padded = "\n" * (first_line - 1) + text
    reader = BlockReader(path, padded.split("\n"), column)
    tree = parse_markdown(padded)
    return ylist((first_line, column), reader.blocks(list(tree.children))), reader.problems


def _front_matter(lines: list[str], path: Path) -> tuple[YMap, int]:
    """Return the front matter's keys and the number of lines it takes (0 without one)."""
    if not lines or lines[0].rstrip() != "---":
        return ymap((1, 1), []), 0
    end = next((i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "...")), None)
    if end is None:
        raise InputError([Problem(path, 1, 1, "the front matter opened by `---` on line 1 is never closed; "
                                              "end it with a line `---`")])
    if not "".join(lines[1:end]).strip():
        return ymap((1, 1), []), end + 1
    try:
        data = parse_yaml("\n" + "\n".join(lines[1:end]), path)
    except InputError as exc:
        raise explained(exc, lines) from None
    if not isinstance(data, YMap):
        raise InputError([Problem(path, 2, 1, "the front matter must be `key: value` lines such as `title: ...`")])
    return data, end + 1


def read_markdown(path: Path, text: str | None = None) -> tuple[YMap, list[Problem]]:
    """Return the outline tree of a Markdown file (front matter keys plus ``sections`` from headings).

    ``text`` is the file's text when the caller already has it (a family's outline rendered for
    one data row). Also returns what could not be mapped, for the loader to report.
    """
    lines = (read_text(path) if text is None else text).replace("\r\n", "\n").split("\n")
    data, skip = _front_matter(lines, path)
    reader = BlockReader(path, lines)
    if "sections" in data:
        reader.fail(data.key_pos["sections"], "a Markdown outline's sections are its `## ` headings; "
                                              "remove `sections` from the front matter")
    tree = parse_markdown("\n" * skip + "\n".join(lines[skip:]))
    sections: list[tuple[Any, Pos]] = []
    pairs: list[tuple[Any, Any, Pos]] = []
    content: list[tuple[Any, Pos]] = []
    stray = False

    def close() -> None:
        if pairs:
            pairs.append(("content", ylist(pairs[0][2], content[:]), pairs[0][2]))
            sections.append((ymap(pairs[0][2], pairs[:]), pairs[0][2]))

    for node in tree.children:
        pos = reader.pos(node)
        if node.type == "heading" and node.tag == "h2":
            close()
            pairs[:], content[:] = [("title", inline_text(_inline(node)), pos)], []
        elif node.type == "heading" and node.tag == "h1" and not sections and not pairs and "title" not in data:
            data["title"], data.key_pos["title"], data.value_pos["title"] = inline_text(_inline(node)), pos, pos
        elif node.type == "fence" and (node.info.split() or [""])[0] == SECTION_FENCE:
            _section_options(reader, node, pairs, bool(content))
        elif not pairs:
            if not stray:
                reader.fail(pos, "this comes before the first `## ` heading, so it belongs to no section; start a "
                                 "section with `## Title`" + (" (the title is set once, in the front matter or by "
                                                             "one `# ` heading)" if node.type == "heading" else ""))
            stray = True
        else:
            content += reader.blocks([node])
    close()
    at = (skip + 1, 1)
    data["sections"], data.key_pos["sections"], data.value_pos["sections"] = ylist(at, sections), at, at
    return data, reader.problems


def _section_options(reader: BlockReader, node: SyntaxTreeNode, pairs: list[tuple[Any, Any, Pos]],
                     after_content: bool) -> None:
    """Add a ```section block's `key`, `deck` and `brief` to the section it opens."""
    pos = reader.pos(node)
    if not pairs or after_content:
        reader.fail(pos, "a ```section block goes right under its `## ` heading, before the section's text")
        return
    options = reader.yaml(node)
    if options is None:
        return
    if not isinstance(options, YMap):
        reader.fail((pos[0] + 1, 1), "a ```section block holds `key:`, `deck:` and `brief:` lines")
        return
    for key, value in options.items():
        if key not in SECTION_FENCE_KEYS:
            reader.fail(options.key_pos[key], f"a ```section block takes {', '.join(SECTION_FENCE_KEYS)}; "
                                              f"not `{key}` (the title is the heading, the content follows)")
        elif any(k == key for k, _, _ in pairs):
            reader.fail(options.key_pos[key], f"`{key}` is set twice for this section")
        else:
            pairs.append((key, value, options.value_pos[key]))
