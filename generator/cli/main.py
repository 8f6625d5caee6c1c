"""The command line: parse arguments, run the work, print results, choose the exit code.

Stage: the outermost layer. Only our own errors (``BriefdeckError``) are caught and printed
as ``FILE:LINE:COLUMN: message`` with exit 1; anything else is a bug and keeps its traceback.
Usage mistakes exit 2 (argparse's convention).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from generator.errors import BriefdeckError

CONTENT_DIR = Path("content")


def cmd_build(args: argparse.Namespace) -> int:
    from generator.cli.batch import run_build

    return run_build(args, _outlines(args.outlines, building=True))


def _outlines(given: list[str], building: bool = False) -> list[str]:
    """Return the outlines named, else ``content/*.yaml`` and ``content/*.md``.

    Outputs are named after the outline's stem, so when building, a Markdown outline whose stem
    a YAML outline already has is left out (with a note) rather than built over it.
    """
    if given:
        return given
    found = sorted(CONTENT_DIR.glob("*.yaml")) + sorted(CONTENT_DIR.glob("*.md"))
    chosen: dict[str, Path] = {}
    for path in found:
        if path.stem not in chosen:
            chosen[path.stem] = path
        elif building:
            print(f"briefdeck: {path} not built: it would write the same files as {chosen[path.stem]}",
                  file=sys.stderr)
    return [str(p) for p in found if not building or chosen[p.stem] == p]


def cmd_check(args: argparse.Namespace) -> int:
    from generator.readers.outline import load_outline
    from generator.theme.load import resolve_theme

    failed = 0
    for outline in _outlines(args.outlines):
        try:
            doc = load_outline(outline, Path(args.allow_outside) if args.allow_outside else None)
            resolve_theme(doc.theme, Path(outline).parent, Path(args.allow_outside) if args.allow_outside else None)
        except BriefdeckError as exc:
            failed += 1
            print(exc, file=sys.stderr)
    count = len(_outlines(args.outlines))
    print(f"checked {count} outline{'s' * (count != 1)}: "
          + (f"{failed} with problems" if failed else "no problems"))
    return 1 if failed else 0


def cmd_lint(args: argparse.Namespace) -> int:
    from generator.cli.lint import lint
    from generator.readers.outline import load_outline
    from generator.theme.load import resolve_theme

    findings = 0
    for outline in _outlines(args.outlines):
        doc = load_outline(outline)
        for finding in lint(doc, resolve_theme(doc.theme, Path(outline).parent), args.max_words):
            findings += 1
            print(finding)
    return 1 if findings and args.strict else 0


def cmd_themes(args: argparse.Namespace) -> int:
    from generator.theme.load import builtin_theme_names, resolve_theme

    for name in builtin_theme_names():
        print(f"{name:10} {resolve_theme(name).description}")
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    import json

    from generator.readers.schema import outline_schema

    print(json.dumps(outline_schema(), indent=2))
    return 0


def cmd_new(args: argparse.Namespace) -> int:
    from generator.cli.starter import write_starter

    written = write_starter(Path(args.name))
    print(f"wrote {', '.join(str(p) for p in written)}; build it with: briefdeck build {written[0]}")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from generator.cli.importer import import_document, print_report

    print_report(import_document(Path(args.file), Path(args.output) if args.output else None, args.to))
    return 0


def cmd_template_info(args: argparse.Namespace) -> int:
    from generator.theme.template import TemplateError, info_lines, read_template

    try:
        info = read_template(Path(args.file))
    except TemplateError as exc:
        print(f"briefdeck: {args.file}: {exc}", file=sys.stderr)
        return 1
    print("\n".join(info_lines(info, args.unit)))
    return 0


def cmd_watch(args: argparse.Namespace) -> int:
    from generator.cli.watch import watch

    return watch(Path(args.outline), args.output, args.theme)


def cmd_preview(args: argparse.Namespace) -> int:
    from generator.cli.preview import INSTALL_HINT, preview
    from generator.pipeline.build import build

    result = build(args.outline, args.output, theme=args.theme)
    pdf = next((p for p in result.written if p.suffix == ".pdf"), None)
    pptx = next((p for p in result.written if p.suffix == ".pptx"), None)
    folder = Path(args.output) / f"{Path(args.outline).stem}-preview"
    shown = preview(pdf, pptx, folder)
    for name in shown.missing_programs:
        print(f"briefdeck: `{name}` is not installed, so "
              f"{'no previews' if name == 'pdftoppm' else 'no slide previews'} were made; {INSTALL_HINT[name]}",
              file=sys.stderr)
    if shown.images:
        print(f"wrote {len(shown.images)} thumbnails and {len(shown.sheets)} contact sheets to {folder}: "
              + ", ".join(str(p) for p in shown.sheets))
    return 1 if "pdftoppm" in shown.missing_programs else 0


def _version() -> str:
    """Return briefdeck's version: written once, in ``generator/__init__.py`` (the package metadata reads it there)."""
    import generator

    return generator.__version__


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="briefdeck", description="Turn one YAML outline of an analysis "
                                     "into a PDF brief and a PowerPoint deck.")
    parser.add_argument("--version", action="version", version=f"briefdeck {_version()}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    build = commands.add_parser("build", help="render outlines to PDF and PPTX")
    build.add_argument("outlines", nargs="*", metavar="OUTLINE",
                       help="outline files, .yaml or .md (default: content/*.yaml and *.md)")
    build.add_argument("-o", "--output", default="output", metavar="DIR", help="output folder (default: output)")
    build.add_argument("--theme", metavar="NAME_OR_PATH", help="theme to use instead of the outline's")
    build.add_argument("--only", choices=("pdf", "pptx"), help="write only one of the two outputs")
    build.add_argument("-j", "--jobs", type=int, metavar="N", help="outlines built at once (default: cores)")
    build.add_argument("-q", "--quiet", action="store_true", help="print problems only")
    build.add_argument("--allow-outside", metavar="DIR",
                       help="let outlines use files inside DIR, not only inside their own folder")
    build.add_argument("--data", metavar="ROWS", help="build the outline once per row of ROWS (.csv, .xlsx, .json), "
                       "filling its {{ fields }}")
    build.add_argument("--name", metavar="COLUMN", help="with --data: name each row's outputs by this column")
    build.add_argument("--force", action="store_true", help="rebuild even when the outputs are up to date")
    build.add_argument("--executor", choices=("local", "dask"), default="local",
                       help="where jobs run: this machine's cores (default) or a Dask cluster")
    build.add_argument("--scheduler", metavar="ADDRESS", help="with --executor dask: the scheduler, e.g. "
                       "tcp://HOST:8786 (default: a local cluster of -j workers)")
    build.set_defaults(run=cmd_build)
    check = commands.add_parser("check", help="validate outlines without rendering")
    check.add_argument("outlines", nargs="*", metavar="OUTLINE")
    check.add_argument("--allow-outside", metavar="DIR")
    check.set_defaults(run=cmd_check)
    lint = commands.add_parser("lint", help="editorial advice: long bullets, uncited sources, weak alt text")
    lint.add_argument("outlines", nargs="*", metavar="OUTLINE")
    lint.add_argument("--strict", action="store_true", help="exit 1 when there is any finding")
    lint.add_argument("--max-words", type=int, default=30, metavar="N", help="longest bullet, in words")
    lint.set_defaults(run=cmd_lint)
    commands.add_parser("themes", help="list the built-in themes").set_defaults(run=cmd_themes)
    commands.add_parser("schema", help="print the outline's JSON Schema").set_defaults(run=cmd_schema)
    info = commands.add_parser("template-info", help="list a PowerPoint template's size, layouts and placeholders")
    info.add_argument("file", metavar="FILE", help="a .pptx or .potx")
    info.add_argument("--unit", choices=("cm", "in"), default="cm", help="unit of positions (default: cm)")
    info.set_defaults(run=cmd_template_info)
    new = commands.add_parser("new", help="write a starter outline NAME.yaml that builds as it is")
    new.add_argument("name", metavar="NAME")
    new.set_defaults(run=cmd_new)
    draft = commands.add_parser("import", help="draft an outline from a .docx, .md or .txt document")
    draft.add_argument("file", metavar="FILE")
    draft.add_argument("-o", "--output", metavar="OUTLINE", help="the outline to write (default: FILE.yaml)")
    draft.add_argument("--to", choices=("yaml", "md"), help="outline format (default: from -o, else yaml)")
    draft.set_defaults(run=cmd_import)
    watch = commands.add_parser("watch", help="rebuild an outline whenever it or its files change")
    watch.add_argument("outline", metavar="OUTLINE")
    watch.add_argument("-o", "--output", default="output", metavar="DIR")
    watch.add_argument("--theme", metavar="NAME_OR_PATH")
    watch.set_defaults(run=cmd_watch)
    preview = commands.add_parser("preview", help="build, then write PNG thumbnails and contact sheets")
    preview.add_argument("outline", metavar="OUTLINE")
    preview.add_argument("-o", "--output", default="output", metavar="DIR")
    preview.add_argument("--theme", metavar="NAME_OR_PATH")
    preview.set_defaults(run=cmd_preview)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    try:  # Ctrl-C while the arguments are parsed (argparse loads its translations) is a clean stop too
        args = _parser().parse_args(argv)
        if getattr(args, "jobs", None) is not None and args.jobs < 1:
            _parser().error("-j must be at least 1")
        return int(args.run(args))
    except BriefdeckError as exc:
        print(exc, file=sys.stderr)
        return 1
    except KeyboardInterrupt as exc:
        print("briefdeck: interrupted", file=sys.stderr)
        return 128 + getattr(exc, "signum", 2)  # 130 for Ctrl-C, 143 for SIGTERM
    except BrokenPipeError:  # `briefdeck ... | head`: the reader has gone; so do we, quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


if __name__ == "__main__":
    sys.exit(main())
