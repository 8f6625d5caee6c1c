"""Make the README's pictures: a page of the brief and a slide of the deck, per built-in theme.

Run from the project folder:  python3 -m tests.pictures   (needs pdftoppm and LibreOffice)

Builds the sample outline in every built-in theme and keeps page 1 of the brief and one
content slide of the deck as PNGs under docs/images/, the pictures the README shows.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

from generator.cli.preview import preview
from generator.pipeline.build import build
from generator.theme.load import builtin_theme_names

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "content" / "us-troops-korea.yaml"
IMAGES = ROOT / "docs" / "images"
SLIDES = (4, 5)  # the first content slide (bullets) and the big-number slide


def main() -> int:
    IMAGES.mkdir(parents=True, exist_ok=True)
    for theme in builtin_theme_names():
        with tempfile.TemporaryDirectory(prefix="briefdeck-pictures-") as scratch:
            out = Path(scratch)
            result = build(SAMPLE, out, theme=theme)
            pdf, pptx = sorted(result.written)
            shown = preview(pdf, pptx, out / "preview")
            if shown.missing_programs:
                print(f"missing: {', '.join(shown.missing_programs)}", file=sys.stderr)
                return 1
            pages = sorted(p for p in shown.images if "-page-" in p.name)
            slides = sorted((p for p in shown.images if "-slide-" in p.name),
                            key=lambda p: int(p.stem.rsplit("-", 1)[1]))
            shutil.copy(pages[0], IMAGES / f"{theme}-brief-page-1.png")
            for number in SLIDES:
                shutil.copy(slides[number - 1], IMAGES / f"{theme}-deck-slide-{number}.png")
            print(f"{theme}: {len(pages)} pages, {len(slides)} slides")
    return 0


if __name__ == "__main__":
    sys.exit(main())
