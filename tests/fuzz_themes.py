"""The ``themes`` generator of the fuzz campaign: a random seed in, a plain outline and a hostile theme out.

Stage: a test tool feeding ``tests.fuzz_campaign``. The outline stays simple and valid; the theme
it names (a ``.yaml`` theme, or a ``_brand.yml``) carries the hostility: sizes of zero, below and
above their ranges and of hundreds of digits, margins that leave no room, colours that are not
colours, control characters and thousands of characters in typeface names, truncated, fake and
outside font files, logos that are missing, damaged or folders, ``extends`` loops and chains,
``extends`` naming files outside the outline's folder, ``/dev/zero`` or ``/proc``, labels of odd
types, and files that are not mappings, not UTF-8 or empty. The outline and theme sit in ``in/``,
so a file in the case folder itself counts as outside.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

from tests.fuzz_values import Rng

TTF = Path("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf")
OUTLINE = ("title: Waiting times at ports\ndate: 2026-03-04\ntheme: {theme}\nsummary: [Ships waited longer.]\n"
           "sections:\n  - title: What happened\n    key: Waits doubled\n    content:\n"
           "      - Ships waited **twice** as long in March.\n      - points: [Berths closed, Storms on nine days]\n"
           "      - figures: [{{value: '3.4', label: days}}]\n"
           "      - chart: {{type: column, categories: [Jan, Feb], series: [{{name: Days, values: [1, 2]}}]}}\n"
           "      - table: {{columns: [Port, Days], rows: [[Gdansk, '3.4']]}}\n")
LENGTHS = ["0", "0pt", "-1pt", "0.001pt", "5pt", "6pt", "8pt", "10pt", "14pt", "24pt", "40pt", "60pt", "72pt",
           "200pt", "1e3pt", "9" * 400 + "pt", "1.5cm", "6cm", "30cm", "0.5in", "12mm", "99999px", "10 pt", "10",
           "pt", "", "'12pt'", "[12pt]", "{a: 1}", "null", "true", ".inf", "-.inf", ".nan", "10em", "10PT"]
COLOURS = ["'#123456'", "'#12'", "'#GGGGGG'", "red", "'#FFFFFF00'", "''", "123456", "'#" + "F" * 400 + "'",
           "'rgb(1,2,3)'", "null", "[1, 2]", "'#fff'", "\"#12345\\x01\"", "0x123456", "'  #ABCDEF  '"]
NAMES = ["Georgia", "Times New Roman", "\"Body\\x01Face\"", "\"Tab\\tFace\"", "\"New\\nLine\"", "\"\\x7f\"",
         "\"Bidi\\u202eFace\"", "\"\\u200b\"", "''", "'" + "F" * 1000 + "'", "\"\\ufdd0\"", "\"Zero\\0\"",
         "'<b>Face</b>'", "'&amp;'", "42", "null", "[Arial]", "'日本語フォント'"]
PDF_FONTS = ["Times", "Helvetica", "Courier", "Times-Roman", "Nope", "[Times]", "''", "null", "Symbol"]
EXTENDS = ["classic", "minimal", "bold", "classical", "''", "null", "[classic]", "t.yaml", "loop-a.yaml",
           "../outside.yaml", "/etc/passwd", "/proc/self/status", "/dev/zero", "notes.txt", "sub", "missing.yaml",
           "chain-0.yaml", "'CLASSIC'", "brand.yml", "fifo.yaml"]


GOOD_LENGTHS = {"margin": "2cm", "body": "10.5pt", "title": "28pt", "heading": "14pt", "small": "8pt",
                "deck.title": "28pt", "deck.body": "18pt", "deck.min-body": "12pt", "deck.kicker": "12pt"}


def _length(rng: Rng, key: str) -> str:
    return rng.choice(LENGTHS) if rng.hostile() else GOOD_LENGTHS[key]


def _font_files(rng: random.Random, folder: Path) -> str:
    """A ``files:`` mapping naming a font that may be truncated, fake, a folder, missing or outside."""
    data = TTF.read_bytes() if TTF.is_file() else b""
    if (folder / "Body.ttf").is_dir():  # written for the other face of this theme
        (folder / "Body.ttf").rmdir()
    (folder / "Body.ttf").unlink(missing_ok=True)
    kind = rng.randrange(1, 8) if isinstance(rng, Rng) and rng.hostile() else 0
    if kind == 0 and data:
        (folder / "Body.ttf").write_bytes(data)
    elif kind == 1 and data:
        (folder / "Body.ttf").write_bytes(data[: rng.choice([len(data) // 2, 20_000, 1_000, 12, 0])])
    elif kind == 2:
        (folder / "Body.ttf").write_bytes(b"OTTO" + bytes(rng.randrange(256) for _ in range(200)))
    elif kind == 3:
        (folder / "Body.ttf").write_text("not a font\n", encoding="utf-8")
    elif kind == 4:
        (folder / "Body.ttf").mkdir(exist_ok=True)
    name = "Body.ttf" if kind == 0 else rng.choice(["Body.ttf", "../outside.ttf", "/etc/passwd", "missing.ttf",
                                                     "/dev/zero", "sub"])
    faces = ["regular"] + rng.sample(["bold", "italic", "bold-italic", "heavy"], rng.randint(0, 2))
    return "{" + ", ".join(f"{face}: {json.dumps(name)}" for face in faces) + "}"


def _font(rng: Rng, folder: Path) -> str:
    if not rng.hostile():
        return rng.choice(["{pdf: Times}", "{pdf: Helvetica, deck: Georgia}",
                           f"{{files: {_font_files(rng, folder)}, deck: Body}}"])
    parts = []
    if rng.random() < 0.5:
        parts.append(f"pdf: {rng.choice(PDF_FONTS)}")
    if rng.random() < 0.4:
        parts.append(f"files: {_font_files(rng, folder)}")
    if rng.random() < 0.6:
        parts.append(f"deck: {rng.choice(NAMES)}")
    return "{" + ", ".join(parts) + "}" if parts and rng.random() < 0.9 else rng.choice(["Times", "null", "[]"])


def _logo(rng: Rng, folder: Path) -> str:
    from PIL import Image

    kind = rng.randrange(5) if rng.hostile() else 0
    if kind == 0:
        Image.effect_noise((40, 20), 40).convert("RGB").save(folder / "logo.png")
    elif kind == 1:
        Image.effect_noise((40, 20), 40).convert("RGB").save(folder / "logo.png")
        data = (folder / "logo.png").read_bytes()
        (folder / "logo.png").write_bytes(data[: len(data) // 2])
    elif kind == 2:  # a header claiming 100,000 x 100,000 pixels
        Image.effect_noise((40, 20), 40).convert("RGB").save(folder / "logo.png")
        data = bytearray((folder / "logo.png").read_bytes())
        data[16:24] = (100_000).to_bytes(4, "big") * 2
        (folder / "logo.png").write_bytes(bytes(data))
    elif kind == 3:
        (folder / "logo.png").mkdir(exist_ok=True)
    return json.dumps(rng.choice(["missing.png", "../outside.png", "/etc/passwd"]) if rng.hostile() and kind == 4
                      else "logo.png")


def _theme(rng: Rng, folder: Path) -> str:
    """Return the text of a hostile theme, writing the files it names into ``folder``."""
    lines = [f"extends: {rng.choice(EXTENDS) if rng.hostile() else rng.choice(EXTENDS[:3])}"]
    if rng.random() < 0.3:
        lines.append(f"name: {rng.choice(NAMES) if rng.hostile() else 'Ports'}")
    if rng.random() < 0.4:
        keys = rng.sample(["primary", "accent", "text", "muted", "background", "fill", "nope"], rng.randint(1, 4))
        colours = [f"{key}: {rng.choice(COLOURS) if rng.hostile() else COLOURS[0]}" for key in keys]
        if rng.random() < 0.3:
            colours.append("palette: " + rng.choice(["[]", "'#123456'", "[" + ", ".join(
                rng.choice(COLOURS) for _ in range(rng.choice([1, 3, 12, 300]))) + "]"]))
        lines.append("colors: {" + ", ".join(colours) + "}")
    if rng.random() < 0.4:
        faces = rng.sample(["body", "heading", "mono"] if rng.hostile() else ["body", "heading"], rng.randint(1, 2))
        lines.append("fonts: {" + ", ".join(f"{face}: {_font(rng, folder)}" for face in faces) + "}")
    if rng.random() < 0.5:
        keys = [key for key in ("margin", "body", "title", "heading", "small") if rng.random() < 0.4]
        brief = {key: _length(rng, key) for key in keys}
        if rng.random() < 0.2:
            brief["page"] = rng.choice(["A4", "Letter", "A5", "a4", "null", "[A4]"]) if rng.hostile() else "Letter"
        if rng.random() < 0.2:
            brief["columns"] = rng.choice(["0", "3", "'2'", "-1", "9" * 400, "1.5"]) if rng.hostile() else "2"
        if rng.random() < 0.1:
            brief["footnotes"] = rng.choice(["side", "null"]) if rng.hostile() else "end"
        lines.append("brief: {" + ", ".join(f"{k}: {v}" for k, v in brief.items()) + "}")
    if rng.random() < 0.5:
        keys = [key for key in ("title", "body", "min-body", "kicker") if rng.random() < 0.4]
        deck = {key: _length(rng, f"deck.{key}") for key in keys}
        if rng.random() < 0.2:
            deck["size"] = rng.choice(["16:9", "4:3", "'16:10'", "''", "[16, 9]"]) if rng.hostile() else "'4:3'"
        if rng.random() < 0.1:
            deck["title-band"] = rng.choice(["yes", "'true'", "1", "null"]) if rng.hostile() else "true"
        if rng.hostile() and rng.random() < 0.2:
            deck["layouts"] = rng.choice(["{title: Title Slide}", "{nope: x}", "[]"])
        lines.append("deck: {" + ", ".join(f"{k}: {v}" for k, v in deck.items()) + "}")
    if rng.random() < 0.2:
        labels = rng.sample(["takeaways", "notes", "footnotes", "nope", "page"] if rng.hostile() else ["takeaways"], 1)
        values = ["Summary", "''", "null", "42", "[a]", "'" + "w " * 2000 + "'", "\"\\x01\"", "'<b>x</b>'",
                  "'Page {n} of {m}'", "'{'", "'{0}{1}{2}'", "'%s %d'"]
        lines.append("labels: {" + ", ".join(f"{key}: {rng.choice(values) if rng.hostile() else values[0]}"
                                             for key in labels) + "}")
    if rng.random() < 0.15:
        lines.append(f"logo: {_logo(rng, folder)}")
    if rng.hostile() and rng.random() < 0.2:
        lines.append(rng.choice(["nope: 1", "extends: classic", "colors: red", "brief: 12pt", "deck: []"]))
    return "\n".join(lines) + "\n"


def _brand(rng: random.Random) -> str:
    """Return a hostile ``_brand.yml``."""
    colours = rng.sample(["primary", "secondary", "foreground", "background", "light", "nope"], rng.randint(1, 4))
    palette = {"blue": "'#1F77B4'", "loop": "loop", "self": "primary", "bad": "'#GG'"}
    lines = ["meta: " + rng.choice(["{name: Acme}", "{name: {full: Acme Inc, short: Acme}}", "Acme", "[]", "null"])]
    lines.append("color: {palette: {" + ", ".join(f"{k}: {v}" for k, v in palette.items()) + "}, "
                 + ", ".join(f"{key}: {rng.choice(COLOURS + ['blue', 'loop', 'self'])}" for key in colours) + "}")
    if rng.random() < 0.5:
        lines.append("typography: {base: " + rng.choice(["{family: Georgia}", "Georgia", "{family: " +
                                                          rng.choice(NAMES) + "}", "{size: 0}", "null"]) + "}")
    if rng.random() < 0.3:
        lines.append("logo: " + rng.choice(["logo.png", "{medium: logo.png}", "{small: {light: missing.png}}", "[]"]))
    return "\n".join(lines) + "\n"


def _fixed_files(folder: Path, inside: Path) -> None:
    """Write the files a theme may name that do not change between cases (once per folder)."""
    import os

    if (inside / "loop-a.yaml").exists():
        return
    (folder / "outside.yaml").write_text("extends: classic\ncolors: {primary: '#112233'}\n", encoding="utf-8")
    (folder / "outside.ttf").write_bytes(TTF.read_bytes() if TTF.is_file() else b"")
    (inside / "loop-a.yaml").write_text("extends: loop-b.yaml\n", encoding="utf-8")
    (inside / "loop-b.yaml").write_text("extends: loop-a.yaml\n", encoding="utf-8")
    for index in range(70):  # a chain longer than any sensible theme hierarchy
        (inside / f"chain-{index}.yaml").write_text(f"extends: chain-{index + 1}.yaml\n" if index < 69
                                                    else "extends: classic\n", encoding="utf-8")
    (inside / "notes.txt").write_text("secret: do not print me\n", encoding="utf-8")
    (inside / "sub").mkdir()
    (inside / "brand.yml").write_text("color: {primary: '#123456'}\n", encoding="utf-8")
    os.mkfifo(inside / "fifo.yaml")


def write_try(folder: Path, seed_rng: random.Random) -> Path:
    """Write a plain outline naming a hostile theme into ``folder/in``; return the outline's path."""
    rng = Rng(seed_rng.getrandbits(64))
    rng.rate = rng.choice([0.0, 0.05, 0.1, 0.3, 1.0])
    inside = folder / "in"
    inside.mkdir(exist_ok=True)
    _fixed_files(folder, inside)
    for stale in ("Body.ttf", "logo.png"):
        path = inside / stale
        if path.is_dir():
            path.rmdir()
        path.unlink(missing_ok=True)
    kind = rng.randrange(20)
    theme = "t.yaml"
    if kind == 0:
        theme = "_brand.yml"
        (inside / theme).write_text(_brand(rng), encoding="utf-8")
    elif kind == 1 and rng.hostile():
        (inside / theme).write_bytes(rng.choice([b"", b"\xff\xfe\x00t", b"- a\n- b\n", b"just text\n",
                                                 b"\xef\xbb\xbfextends: classic\n", b"extends: classic\n" * 2,
                                                 b"&a [*a]\n", b"colors:\n\tprimary: red\n"]))
    else:
        (inside / theme).write_text(_theme(rng, inside), encoding="utf-8")
    if rng.hostile() and rng.random() < 0.1:
        theme = rng.choice(["../outside.yaml", "/etc/passwd", "/dev/zero", "notes.txt", "fifo.yaml", "sub", "nope"])
    outline = inside / "try.yaml"
    outline.write_text(OUTLINE.format(theme=json.dumps(theme)), encoding="utf-8")
    return outline
