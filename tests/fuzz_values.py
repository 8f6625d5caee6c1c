"""Generators of hostile values for ``tests.fuzz --generator values``: long text, extreme numbers, hostile themes.

Where ``tests.fuzz``'s mutations break the YAML, these keep it well formed and push the values
instead: words of thousands of characters, hundreds of categories, columns and authors, numbers
at and past the edges of a double, values YAML 1.1 would rewrite, impossible dates, invisible,
unassigned and noncharacter code points, and themes with lengths, fonts and template slide sizes
from the absurd to the plausible. Each try writes an outline (and its theme, template and images)
into a folder; ``tests.fuzz`` builds it and classifies the result.
"""

from __future__ import annotations

import io
import json
import random
import re
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = ROOT / "generator" / "render" / "pptx" / "default-16x9.pptx"
TTF = Path("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf")
NUMBERS = ["0", "-0", "1", "-1", "1.10", "02134", "0x1F", "0o17", "12:30", "4:3", "1e17", "1.7e308", "1.7e+308",
           "-1.7e+308", "1e-300", "1e-9", "1e15", "-1e15", "1e16", "4.9e-324", ".inf", "-.inf", ".nan", "9" * 17,
           "9" * 400, "9" * 5000, "1_000", "+1", "2.5", "yes", "no", "~", "null", "2026-02-30", "3.14159"]
CHARACTERS = ["\u200b", "\u00ad", "\u2060", "\ufeff", "\u202e", "\u0378", "\U000e0001", "\ue000", "\u0301",
              "\u05d0", "\u0627", "한", "日", "🚀", " ", "\t", "é", "&", "<", "\\", "\"", "'", "#", ":", "%"]
ESCAPES = ["\\ufdd0", "\\uffff", "\\x01", "\\u0000", "\\ud800", "\\U0010FFFF", "\\u0378", "\\u200b"]
LENGTH_UNITS = ["pt", "cm", "mm", "in", "px", "em", ""]


class Rng(random.Random):
    """A random source that also says how hostile this try is: the share of values pushed to an edge."""

    rate = 0.1

    def hostile(self) -> bool:
        return self.random() < self.rate


def long_text(rng: random.Random) -> str:
    """Return text from one character to thousands: words, one huge word, or invisible runs."""
    if isinstance(rng, Rng) and not rng.hostile():
        return " ".join(rng.choice(["Port", "waiting", "times", "rose", "02134", "12:30", "sharply", "in", "2025"])
                        for _ in range(rng.randint(1, 8)))
    kind = rng.randrange(6)
    if kind == 0:
        return "x" * rng.choice([1, 40, 300, 2000, 5000])
    if kind == 1:
        return " ".join(["word"] * rng.choice([1, 10, 100, 600]))
    if kind == 2:
        return "".join(rng.choice(CHARACTERS) for _ in range(rng.randint(1, 30)))
    if kind == 3:
        return rng.choice(NUMBERS)
    if kind == 4:
        return "Text " + rng.choice(ESCAPES)
    return rng.choice(["Plain words", "Zero\u200bwidth", "\u200b", "\u00ad", "Title"])


def scalar(text: str) -> str:
    """Write ``text`` as a YAML scalar: plain when it could be (so YAML 1.1 may rewrite it), else quoted."""
    if "\\" in text and re.search(r"\\[ux]", text):
        return '"' + text.replace('"', '\\"') + '"'  # an escape the YAML reader decodes
    if re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9 .:+_-]*", text) and len(text) < 1000:
        return text
    return json.dumps(text, ensure_ascii=False)


def number(rng: random.Random) -> str:
    if isinstance(rng, Rng) and not rng.hostile():
        return rng.choice([str(rng.randint(0, 5000)), f"{rng.uniform(0, 100):.2f}", "02134", "1.10", "0x1F"])
    return rng.choice(NUMBERS) if rng.random() < 0.6 else repr(rng.uniform(-1e6, 1e6))


def _chart(rng: random.Random) -> str:
    kind = rng.choice(["bar", "column", "line", "pie", "stacked-bar"])
    count = rng.choice([1, 2, 5, 20, 21, 30, 31, 60, 61, 120, 200]) if rng.random() < 0.3 else rng.randint(1, 8)
    categories = ", ".join(scalar(long_text(rng) if rng.random() < 0.1 else f"k{i}") for i in range(count))
    series = ", ".join("{values: [" + ", ".join(number(rng) if rng.random() < 0.3 else str(rng.randint(0, 99))
                                                for _ in range(count)) + "]}"
                       for _ in range(1 if kind == "pie" else rng.randint(1, 4)))
    return f"chart: {{type: {kind}, categories: [{categories}], series: [{series}]}}"


def _table(rng: random.Random) -> str:
    count = rng.choice([1, 2, 5, 12, 13, 60]) if rng.random() < 0.3 else rng.randint(1, 5)
    columns = ", ".join("null" if rng.random() < 0.03 else scalar(long_text(rng) if rng.random() < 0.2 else f"c{i}")
                        for i in range(count))
    rows = ", ".join("[" + ", ".join(scalar(long_text(rng) if rng.random() < 0.3 else number(rng))
                                     for _ in range(count)) + "]" for _ in range(rng.randint(1, 6)))
    return f"table: {{columns: [{columns}], rows: [{rows}]}}"


def _figures(rng: random.Random) -> str:
    items = ", ".join(f"{{value: {scalar(long_text(rng) if rng.random() < 0.4 else number(rng))}, "
                      f"label: {scalar(long_text(rng))}}}" for _ in range(rng.randint(1, 8)))
    return f"figures: [{items}]"


def _points(rng: random.Random) -> str:
    items = ", ".join(f"{{{scalar(number(rng))}: {scalar(long_text(rng))}}}" if rng.random() < 0.5
                      else scalar(long_text(rng)) for _ in range(rng.randint(1, 6)))
    return f"points: [{items}]"


def _image(rng: random.Random) -> str:
    names = ["photo.jpg", "half.jpg", "half.gif", "rotated.jpg", "folder.png", "a" * 300 + ".png", "missing.png"]
    name = "photo.jpg" if rng.random() < 0.5 else rng.choice(names)
    return f"image: {{path: {scalar(name)}, alt: {scalar(long_text(rng))}}}"


BLOCKS = [_chart, _table, _figures, _points, _image, lambda rng: scalar(long_text(rng)),
          lambda rng: f"quote: {{text: {scalar(long_text(rng))}, by: {scalar(long_text(rng))}}}",
          lambda rng: f"callout: {{title: {scalar(long_text(rng))}, text: {scalar(long_text(rng))}}}"]


def _date(rng: random.Random) -> str:
    return f"{rng.choice([1, 1999, 2021, 2026, 9999])}-{rng.randint(0, 14):02d}-{rng.randint(0, 32):02d}"


def hostile_outline(rng: random.Random, theme: bool) -> str:
    lines = [f"title: {scalar(long_text(rng))}"]
    if rng.random() < 0.3:
        lines.append(f"date: {_date(rng) if rng.random() < 0.3 else '2026-03-04'}")
    if rng.random() < 0.3:
        lines.append("authors: [" + ", ".join(scalar(long_text(rng) if rng.random() < 0.1 else f"Author {i}")
                                              for i in range(rng.choice([1, 3, 3, 3, 30, 31, 200]))) + "]")
    if rng.random() < 0.2:
        lines.append(f"label: {scalar(number(rng))}")
    if theme:
        lines.append("theme: t.yaml")
    lines.append("sections:")
    for index in range(rng.randint(1, 3)):
        lines.append(f"  - title: {scalar(long_text(rng) if rng.random() < 0.3 else f'Section {index}')}")
        lines.append("    content:")
        lines += [f"      - {rng.choice(BLOCKS)(rng)}" for _ in range(rng.randint(1, 4))]
    return "\n".join(lines) + "\n"


def _length(rng: random.Random) -> str:
    if isinstance(rng, Rng) and not rng.hostile():
        return rng.choice(["10pt", "14pt", "20pt", "1.5cm", "0.8in", "12mm"])
    return rng.choice(["0", "0.5", "6", "10.5", "14", "24", "40", "200", "9" * 400, "-3", "1e3"]) \
        + rng.choice(LENGTH_UNITS)


def _template(rng: random.Random) -> bytes:
    sizes = [-9144000, 0, 100, 914400, 3657600, 9144000, 12192000, 36576000, 51206400, 60000000]
    cx, cy = rng.choice(sizes), rng.choice(sizes)
    out = io.BytesIO()
    with zipfile.ZipFile(TEMPLATE) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "ppt/presentation.xml":
                data = re.sub(rb'<p:sldSz cx="\d+" cy="\d+"', f'<p:sldSz cx="{cx}" cy="{cy}"'.encode(), data)
            target.writestr(item, data)
    return out.getvalue()


def hostile_theme(rng: random.Random) -> tuple[str, dict[str, bytes]]:
    lines, files = ["extends: classic"], {}
    brief = {key: _length(rng) for key in ("margin", "body", "title", "heading", "small") if rng.random() < 0.3}
    deck = {key: _length(rng) for key in ("title", "body", "min-body", "kicker") if rng.random() < 0.3}
    if brief:
        lines.append("brief: {" + ", ".join(f"{k}: {v}" for k, v in brief.items()) + "}")
    if rng.random() < 0.3:
        deck["template"] = "x.pptx"
        files["x.pptx"] = _template(rng)
    if deck:
        lines.append("deck: {" + ", ".join(f"{k}: {v}" for k, v in deck.items()) + "}")
    font = rng.randrange(12)
    if font == 0:
        lines.append("fonts: {body: {pdf: [Times]}}")
    elif font == 1:
        lines.append('fonts: {body: {pdf: Times, deck: "Times\\x01"}}')
    elif font == 2 and TTF.is_file():
        data = TTF.read_bytes()
        files["Body.ttf"] = data[: rng.choice([len(data), len(data) // 2, 20000, 200])]
        lines.append("fonts: {body: {files: {regular: Body.ttf}, deck: Body}}")
    return "\n".join(lines) + "\n", files


def _images(folder: Path) -> None:
    from PIL import Image

    photo = folder / "photo.jpg"
    if photo.exists():
        return
    Image.effect_noise((160, 90), 50).convert("RGB").save(photo, "JPEG")
    data = photo.read_bytes()
    (folder / "half.jpg").write_bytes(data[: len(data) // 2])
    Image.effect_noise((160, 90), 50).convert("P").save(folder / "whole.gif", "GIF")
    gif = (folder / "whole.gif").read_bytes()
    (folder / "half.gif").write_bytes(gif[: len(gif) // 2])
    exif = Image.Exif()
    exif[0x0112] = 6
    Image.effect_noise((160, 90), 50).convert("RGB").save(folder / "rotated.jpg", "JPEG", exif=exif.tobytes())
    (folder / "folder.png").mkdir()


def write_try(folder: Path, seed_rng: random.Random) -> Path:
    """Write one hostile outline (with its theme and files) into ``folder``; return the outline's path."""
    rng = Rng(seed_rng.getrandbits(64))
    rng.rate = rng.choice([0.0, 0.02, 0.05, 0.1, 0.3])
    _images(folder)
    for stale in ("t.yaml", "x.pptx", "Body.ttf"):
        (folder / stale).unlink(missing_ok=True)
    theme = rng.random() < 0.4
    if theme:
        text, files = hostile_theme(rng)
        (folder / "t.yaml").write_text(text, encoding="utf-8")
        for name, data in files.items():
            (folder / name).write_bytes(data)
    outline = folder / "try.yaml"
    outline.write_text(hostile_outline(rng, theme), encoding="utf-8")
    return outline
