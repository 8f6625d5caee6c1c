"""The package layout is the pipeline: each folder is one stage and imports flow one way.

cli -> pipeline -> readers / deck / render -> theme -> source -> model, errors, links.
A renderer never imports the other renderer or a reader, the planner never imports a
renderer, and nothing below the command line imports it.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from generator.cli.main import main
from tests.conftest import ROOT

PACKAGE = ROOT / "generator"
BASE = {"model", "records", "errors", "links", "labels", "charts", "typography", "lazy_modules"}
ALLOWED = {
    "source": BASE,
    "theme": BASE | {"source"},
    "readers": BASE | {"source", "theme"},
    "deck": BASE | {"theme"},
    "render.pdf": BASE | {"theme"},
    "render.pptx": BASE | {"theme", "deck"},
    "pipeline": BASE | {"source", "theme", "readers", "deck", "render.pdf", "render.pptx"},
    "cli": BASE | {"source", "theme", "readers", "deck", "pipeline"},
}
MAX_LINES = 420


def _stage(dotted: str) -> str:
    parts = dotted.split(".")[1:]
    return ".".join(parts[:2]) if parts and parts[0] == "render" else (parts[0] if parts else "")


def _imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("generator"):
            if node.module == "generator":
                found |= {f"generator.{alias.name}" for alias in node.names}
            else:
                found.add(node.module)
        elif isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names if alias.name.startswith("generator.")}
        assert not (isinstance(node, ast.ImportFrom) and node.level), f"{path}: use absolute imports"
    return found


def _modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if p.parent != PACKAGE)


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_each_stage_imports_only_the_stages_below_it(path: Path) -> None:
    own = _stage("generator." + ".".join(path.relative_to(PACKAGE).with_suffix("").parts))
    for target in _imports(path):
        other = _stage(target)
        assert other == own or other in ALLOWED[own], f"{path.relative_to(ROOT)} ({own}) imports {target}"


def test_modules_stay_small_and_say_their_stage() -> None:
    for path in PACKAGE.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert len(text.splitlines()) <= MAX_LINES, f"{path} has {len(text.splitlines())} lines"
        assert text.startswith('"""'), f"{path} has no module docstring"


def test_version_comes_from_the_package_metadata(capsys: pytest.CaptureFixture[str]) -> None:
    from importlib.metadata import version

    with pytest.raises(SystemExit) as stopped:
        main(["--version"])
    assert stopped.value.code == 0
    assert capsys.readouterr().out.strip() == f"briefdeck {version('briefdeck')}"
