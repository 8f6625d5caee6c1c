"""``briefdeck preview``: PNG thumbnails of every page and slide, and a contact sheet per output.

Stage: after a build. Pages are rasterised by poppler's ``pdftoppm``; slides are first turned
into a PDF by LibreOffice (``soffice --headless --convert-to pdf``), since no Python library
draws PowerPoint slides faithfully. When either program is missing the command says which
and how to install it, and still does what it can.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from msgspec import Struct

from generator.errors import BriefdeckError

THUMB_DPI = 60
SHEET_COLUMNS = 4
INSTALL_HINT = {
    "pdftoppm": "install poppler (Debian/Ubuntu: apt-get install poppler-utils; macOS: brew install poppler)",
    "soffice": "install LibreOffice (Debian/Ubuntu: apt-get install libreoffice-impress; macOS: brew install "
               "--cask libreoffice)",
}


class PreviewResult(Struct, frozen=True):
    images: tuple[Path, ...]
    sheets: tuple[Path, ...]
    missing_programs: tuple[str, ...]


def _program(name: str) -> str | None:
    if name == "soffice":
        return shutil.which("soffice") or shutil.which("libreoffice")
    return shutil.which(name)


def _rasterise(pdf: Path, prefix: Path) -> list[Path]:
    pdftoppm = _program("pdftoppm")
    assert pdftoppm is not None
    subprocess.run([pdftoppm, "-png", "-r", str(THUMB_DPI), str(pdf), str(prefix)], check=True,
                   capture_output=True, timeout=300)
    return sorted(prefix.parent.glob(f"{prefix.name}-*.png"))


def _deck_pdf(pptx: Path, workdir: Path) -> Path:
    soffice = _program("soffice")
    assert soffice is not None
    profile = workdir / "profile"
    subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(workdir), str(pptx)], check=True, capture_output=True, timeout=600)
    return workdir / f"{pptx.stem}.pdf"


def contact_sheet(images: list[Path], target: Path) -> Path:
    """Lay ``images`` out on one PNG, SHEET_COLUMNS a row, with a thin gap between them."""
    from PIL import Image

    opened = [Image.open(p) for p in images]
    cell_w = max(i.width for i in opened)
    cell_h = max(i.height for i in opened)
    gap = 8
    rows = -(-len(opened) // SHEET_COLUMNS)
    columns = min(SHEET_COLUMNS, len(opened))
    sheet = Image.new("RGB", (columns * (cell_w + gap) + gap, rows * (cell_h + gap) + gap), (200, 200, 200))
    for index, image in enumerate(opened):
        row, column = divmod(index, SHEET_COLUMNS)
        sheet.paste(image, (gap + column * (cell_w + gap), gap + row * (cell_h + gap)))
        image.close()
    sheet.save(target, format="PNG", optimize=True)
    return target


def preview(pdf: Path | None, pptx: Path | None, out_dir: Path) -> PreviewResult:
    """Write page and slide thumbnails and contact sheets for the given outputs into ``out_dir``."""
    out_dir.mkdir(parents=True, exist_ok=True)
    missing = tuple(name for name in ("pdftoppm", "soffice") if _program(name) is None)
    images: list[Path] = []
    sheets: list[Path] = []
    if "pdftoppm" in missing:
        return PreviewResult((), (), missing)
    jobs: list[tuple[str, str, Path]] = []  # (kind, stem, PDF to rasterise)
    if pdf is not None:
        jobs.append(("page", pdf.stem, pdf))
    with tempfile.TemporaryDirectory(prefix="briefdeck-preview-") as scratch:
        if pptx is not None and "soffice" not in missing:
            try:
                jobs.append(("slide", pptx.stem, _deck_pdf(pptx, Path(scratch))))
            except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as exc:
                raise BriefdeckError(f"{pptx}: LibreOffice could not convert the deck: {exc}") from None
        for kind, stem, source in jobs:
            for old in out_dir.glob(f"{stem}-{kind}-*.png"):
                old.unlink()
            made = _rasterise(source, out_dir / f"{stem}-{kind}")
            images += made
            if made:
                sheets.append(contact_sheet(made, out_dir / f"{stem}-{kind}s.png"))
    return PreviewResult(tuple(images), tuple(sheets), missing)
