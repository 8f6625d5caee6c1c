"""The linter configured in pyproject.toml passes on the whole code base."""

import subprocess
import sys
from importlib.util import find_spec

import pytest

from tests.conftest import ROOT


def test_ruff_finds_nothing():
    if find_spec("ruff") is None:
        pytest.skip("ruff is not installed (it comes with the test extras)")
    result = subprocess.run([sys.executable, "-m", "ruff", "check", "generator", "tests"], cwd=ROOT,
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_finds_nothing():
    if find_spec("mypy") is None:
        pytest.skip("mypy is not installed (it comes with the test extras)")
    result = subprocess.run([sys.executable, "-m", "mypy"], cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_package_imports_without_the_renderers():
    code = ("import sys, generator.cli.main, generator.readers.outline, generator.theme.load; "
            "bad = [m for m in ('pptx', 'reportlab.platypus') if m in sys.modules]; assert not bad, bad")
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True)
