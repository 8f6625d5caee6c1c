"""Modules a build never uses stay unloaded, and are the real modules at their first use (``lazy_modules``).

reportlab and python-pptx import PIL's ``Image`` at their start, python-pptx brings
``urllib.request`` (http.client, email, ssl) through ``xml.sax.saxutils``; a brief and a deck
without images need neither. Each is a stand-in until something asks it for a name or sets one.
"""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT

SAMPLE = ROOT / "content" / "us-troops-korea.yaml"


def _run(code: str) -> list[str]:
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True, capture_output=True,
                          text=True).stdout.split()


def test_a_build_without_images_loads_neither_pil_nor_the_url_opener(tmp_path):
    code = ("import sys; from generator.pipeline.build import build; "
            f"build({str(SAMPLE)!r}, {str(tmp_path)!r}, parallel=False, force=True); "
            "print(type(sys.modules['PIL.Image']).__name__, 'http.client' in sys.modules, "
            "'email.parser' in sys.modules)")
    assert _run(code) == ["StandIn", "False", "False"]
    assert (tmp_path / "us-troops-korea.pdf").stat().st_size > 0
    assert (tmp_path / "us-troops-korea.pptx").stat().st_size > 0


def test_the_url_opener_is_the_real_module_at_its_first_use():
    code = ("import generator.render.pptx, sys\n"
            "import urllib.request as early\n"
            "from urllib.request import pathname2url, Request\n"
            "import urllib.request\n"
            "print(urllib.request is sys.modules['urllib.request'], 'http.client' in sys.modules,\n"
            "      pathname2url('/a b'), early.Request is Request, urllib.request.urlopen.__module__)")
    assert _run(code) == ["True", "True", "/a%20b", "True", "urllib.request"]


def test_a_setting_made_through_the_stand_in_reaches_pil():
    code = ("import generator.theme, sys\n"
            "from PIL import Image\n"
            "Image.MAX_IMAGE_PIXELS = 1234\n"
            "import PIL.Image as real\n"
            "print(type(Image).__name__, type(sys.modules['PIL.Image']).__name__, real.MAX_IMAGE_PIXELS,\n"
            "      Image.new('L', (3, 2)).size == (3, 2), Image.open is real.open)")
    assert _run(code) == ["StandIn", "module", "1234", "True", "True"]
