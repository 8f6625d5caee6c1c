"""The ``templates`` generator of the fuzz campaign: a random seed in, a theme naming a malformed .pptx out.

Stage: a test tool feeding ``tests.fuzz_campaign``. The template starts as the built-in
``default-16x9.pptx`` and gets one to three damages: slide sizes negative, zero, tiny, huge,
lopsided or not numbers; layouts removed, renamed or left dangling; ``javascript:``, ``file:``,
UNC and relative links in masters and layouts; huge unreferenced parts (declared in the zip
directory as gigabytes, or really compressing 200 to 1), thousands of entries, XML entity bombs,
broken XML, missing parts, a truncated or non-zip file; and a ``deck.layouts`` mapping naming
layouts the template may lack.
"""

from __future__ import annotations

import io
import random
import re
import struct
import zipfile
from pathlib import Path

from tests.fuzz_themes import OUTLINE

TEMPLATE = Path(__file__).resolve().parent.parent / "generator" / "render" / "pptx" / "default-16x9.pptx"
MASTER = "ppt/slideMasters/slideMaster1.xml"
HYPERLINK = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"
TARGETS = ["javascript:alert(1)", "JavaScript:alert(1)", " javascript:x", "file:///etc/passwd", "FILE:///c:/x",
           "\\\\server\\share\\x.exe", "../../../secret.txt", "/etc/passwd", "vbscript:x", "data:text/html,x",
           "https://example.org/", "mailto:a@example.org", "java\tscript:x", "%6Aavascript:x"]
SIZES = ["-9144000", "0", "1", "100", "914400", "3657600", "9144000", "12192000", "51206400", "60000000",
         "99999999999999999999", "abc", "6858000.5", "-1"]
_ENTRIES: dict[str, bytes] = {}


def _entries() -> dict[str, bytes]:
    if not _ENTRIES:
        with zipfile.ZipFile(TEMPLATE) as source:
            _ENTRIES.update({name: source.read(name) for name in source.namelist()})
    return dict(_ENTRIES)


def _size(parts: dict[str, bytes], rng: random.Random) -> None:
    cx, cy = rng.choice(SIZES), rng.choice(SIZES)
    xml = parts.get("ppt/presentation.xml", b"")
    if rng.random() < 0.1:
        parts["ppt/presentation.xml"] = re.sub(rb"<p:sldSz[^>]*/>", b"", xml)
    else:
        parts["ppt/presentation.xml"] = re.sub(rb'<p:sldSz cx="\d+" cy="\d+"', f'<p:sldSz cx="{cx}" cy="{cy}"'.encode(),
                                               xml)


def _layouts(parts: dict[str, bytes], rng: random.Random) -> None:
    layouts = sorted(name for name in parts if re.fullmatch(r"ppt/slideLayouts/slideLayout\d+\.xml", name))
    kind = rng.randrange(4)
    doomed = layouts if kind == 0 else rng.sample(layouts, rng.randint(1, len(layouts)))
    for name in doomed:
        if kind == 1:  # renamed: every layout called the same
            parts[name] = re.sub(rb'<p:cSld name="[^"]*"', b'<p:cSld name="Same"', parts[name])
        elif kind == 2:  # a name of hostile characters
            parts[name] = re.sub(rb'<p:cSld name="[^"]*"', '<p:cSld name="\u202eX&amp;&lt;b&gt;"'.encode(), parts[name])
        else:  # removed, the master's relationship left dangling
            del parts[name]
            parts.pop(name.replace("slideLayouts/", "slideLayouts/_rels/") + ".rels", None)


def _links(parts: dict[str, bytes], rng: random.Random) -> None:
    name = rng.choice([MASTER] + sorted(n for n in parts if re.fullmatch(r"ppt/slideLayouts/slideLayout\d+\.xml", n)))
    rels = re.sub(r"ppt/(slideMasters|slideLayouts)/slide", r"ppt/\1/_rels/slide", name) + ".rels"
    target = rng.choice(TARGETS).replace("&", "&amp;").replace('"', "&quot;")
    mode = ' TargetMode="External"' if rng.random() < 0.8 else ""
    kind = HYPERLINK if rng.random() < 0.7 else "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image"
    relation = f'<Relationship Id="rId99" Type="{kind}" Target="{target}"{mode}/>'.encode()
    if rels in parts:
        parts[rels] = parts[rels].replace(b"</Relationships>", relation + b"</Relationships>")
    click = b'<a:hlinkClick xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" ' \
            b'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:id="rId99"/>'
    if name in parts and rng.random() < 0.7:
        parts[name] = re.sub(rb"<p:cNvPr ([^>]*?)/>", lambda m: b"<p:cNvPr " + m.group(1) + b">" + click
                             + b"</p:cNvPr>", parts[name], count=1)


def _xml(parts: dict[str, bytes], rng: random.Random) -> None:
    name = rng.choice(["ppt/presentation.xml", MASTER, "[Content_Types].xml", "ppt/_rels/presentation.xml.rels",
                       "ppt/theme/theme1.xml", "ppt/slideLayouts/slideLayout1.xml"])
    kind = rng.randrange(4)
    if kind == 0:
        parts.pop(name, None)
    elif kind == 1 and name in parts:
        parts[name] = parts[name][: len(parts[name]) // 2]
    elif kind == 2:
        lol = "".join(f'<!ENTITY l{i} "{("&l" + str(i - 1) + ";") * 10 if i else "lol"}">' for i in range(9))
        parts[name] = f'<?xml version="1.0"?><!DOCTYPE p [{lol}]><p>&l8;</p>'.encode()
    else:
        parts[name] = b'<?xml version="1.0"?><!DOCTYPE p [<!ENTITY x SYSTEM "file:///etc/passwd">]><p>&x;</p>'


def _zip(parts: dict[str, bytes], rng: random.Random, huge: str | None) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts.items():
            target.writestr(name, data)
        if huge == "compressed":
            target.writestr("ppt/media/zeros.bin", bytes(rng.choice([11, 40]) * 1024 * 1024))
        elif huge == "declared":
            target.writestr("ppt/media/huge.bin", b"\0" * 1024)
        elif huge == "entries":
            for index in range(rng.choice([4990, 5100])):
                target.writestr(f"ppt/media/e{index}.bin", b"")
    data = bytearray(out.getvalue())
    if huge == "declared":  # the zip directory claims 3 GiB; the data says otherwise
        at = data.rfind(b"ppt/media/huge.bin") - 46
        if data[at:at + 4] == b"PK\x01\x02":
            data[at + 24:at + 28] = struct.pack("<I", 3 * 1024 ** 3)
    return bytes(data)


def template_bytes(rng: random.Random) -> bytes:
    """Return a damaged template: one to three damages of the built-in one."""
    kind = rng.randrange(12)
    if kind == 0:
        return rng.choice([b"", b"not a zip\n", b"PK\x03\x04" + b"\0" * 100])
    parts = _entries()
    damages = [_size, _layouts, _links, _xml]
    for damage in rng.sample(damages, rng.randint(1, 3)) if kind > 3 else []:
        damage(parts, rng)
    huge = {1: "compressed", 2: "declared", 3: "entries"}.get(kind)
    data = _zip(parts, rng, huge)
    return data[: rng.randrange(len(data))] if rng.random() < 0.05 else data


def write_try(folder: Path, rng: random.Random) -> Path:
    """Write an outline, a theme naming a damaged template and the template into ``folder``."""
    name = rng.choice(["x.pptx", "x.pptx", "x.potx"])
    (folder / "x.pptx").unlink(missing_ok=True)
    (folder / "x.potx").unlink(missing_ok=True)
    (folder / name).write_bytes(template_bytes(rng))
    deck = f"template: {name}"
    if rng.random() < 0.2:
        deck += ", layouts: {" + rng.choice(["title: Title Slide", "title: Same", "bullets: Nope",
                                             "nope: Title Slide", "section: Title Only"]) + "}"
    (folder / "t.yaml").write_text(f"extends: classic\ndeck: {{{deck}}}\n", encoding="utf-8")
    outline = folder / "try.yaml"
    outline.write_text(OUTLINE.format(theme="t.yaml"), encoding="utf-8")
    return outline
