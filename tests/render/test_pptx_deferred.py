"""The deck's process imports python-pptx without the URL opener it never uses (``render.pptx.deferred``).

``urllib.request`` (with http.client, email, ssl and socket) stays unloaded while a deck is
rendered, and is the real module, whole, as soon as anything asks it for a name.
"""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT

SAMPLE = ROOT / "content" / "us-troops-korea.yaml"


def _run(code: str) -> list[str]:
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True, capture_output=True,
                          text=True).stdout.split()


def test_a_deck_is_rendered_without_loading_the_url_opener(tmp_path):
    code = ("import sys; from generator.pipeline.build import build; "
            f"build({str(SAMPLE)!r}, {str(tmp_path)!r}, only='pptx', force=True); "
            "print('http.client' in sys.modules, 'email.parser' in sys.modules)")
    assert _run(code) == ["False", "False"]
    assert (tmp_path / "us-troops-korea.pptx").stat().st_size > 0


def test_the_url_opener_is_the_real_module_at_its_first_use():
    code = ("import generator.render.pptx, sys\n"
            "import urllib.request as early\n"
            "from urllib.request import pathname2url, Request\n"
            "import urllib.request\n"
            "print(urllib.request is sys.modules['urllib.request'], 'http.client' in sys.modules,\n"
            "      pathname2url('/a b'), early.Request is Request, urllib.request.urlopen.__module__)")
    assert _run(code) == ["True", "True", "/a%20b", "True", "urllib.request"]
