"""Parameterised outlines: outline text with ``{{ field }}`` and ``{% for %}`` in, plain outline text out.

Stage: before the YAML reader, only for builds with ``--data``. The template is rendered by
Jinja2's sandbox with undefined fields as errors. A value can never change the outline's
structure: every ``{{ ... }}`` is rendered as an opaque token of letters and digits, the YAML
is parsed, and only then are the tokens inside the parsed text replaced by the values, so
``Santos: Brazil`` or ``- item`` stays text. A scalar that is one token and whose value is a
number written plainly (``12.5``, ``-3``) becomes that number, so chart values stay numbers;
``02134`` stays text. Jinja2 is imported only here.
"""

from __future__ import annotations

import re
import traceback
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from generator.errors import InputError, Problem

TOKEN_PREFIX = "bdfield"
_TOKEN = re.compile(TOKEN_PREFIX + r"(\d{6})x")
_PLAIN_NUMBER = re.compile(r"-?(0|[1-9]\d{0,14})(\.\d{1,15})?")
MAX_RENDERED_CHARS = 2_000_000


class Fields:
    """The values a rendered outline refers to, by token; filled while Jinja renders."""

    def __init__(self, undefined: type) -> None:
        self.values: list[Any] = []
        self._undefined = undefined

    def token(self, value: Any) -> str:
        if isinstance(value, self._undefined):
            str(value)  # StrictUndefined raises here, naming the field
        self.values.append(value)
        return f"{TOKEN_PREFIX}{len(self.values) - 1:06d}x"


def _template_line(exc: BaseException, name: str) -> int:
    """Return the outline line Jinja was rendering when ``exc`` was raised (1 when unknown)."""
    lines = [frame.lineno for frame in traceback.extract_tb(exc.__traceback__) if frame.filename == name]
    return lines[-1] if lines and lines[-1] else getattr(exc, "lineno", None) or 1


def render_outline(path: Path, text: str, values: Mapping[str, Any], where: str) -> tuple[str, Fields]:
    """Return the outline text with fields replaced by tokens, and the values behind the tokens.

    ``where`` names the data row (``rows.csv:17``) in messages. Undefined fields, syntax
    errors and sandbox refusals are InputErrors at the outline line.
    """
    from jinja2 import StrictUndefined, TemplateError, Undefined, UndefinedError
    from jinja2.sandbox import SandboxedEnvironment

    fields = Fields(Undefined)
    env = SandboxedEnvironment(undefined=StrictUndefined, autoescape=False, keep_trailing_newline=True,
                               finalize=fields.token)
    name = str(path)
    try:
        code = env.compile(text, name=name, filename=name)
        rendered = env.template_class.from_code(env, code, env.make_globals(None)).render(values)
    except UndefinedError as exc:
        known = ", ".join(f"`{key}`" for key in sorted(values)) or "none"
        raise InputError([Problem(path, _template_line(exc, name), 1,
                                  f"{exc.message} in the data row {where} (its fields: {known})")]) from None
    except TemplateError as exc:
        raise InputError([Problem(path, _template_line(exc, name), 1,
                                  f"template: {exc.message or type(exc).__name__} (data row {where})")]) from None
    if len(rendered) > MAX_RENDERED_CHARS:
        raise InputError([Problem(path, 1, 1, f"the outline rendered for {where} is over "
                                              f"{MAX_RENDERED_CHARS:,} characters")])
    return rendered, fields


def fill(value: Any, fields: Fields) -> Any:
    """Return the parsed outline value with every token replaced by its field's value."""
    if isinstance(value, str):
        whole = _TOKEN.fullmatch(value)
        if whole is not None:
            return _typed(fields.values[int(whole.group(1))])
        return _TOKEN.sub(lambda m: _text(fields.values[int(m.group(1))]), value)
    if isinstance(value, dict):
        for key in list(value):
            value[key] = fill(value[key], fields)
        return value
    if isinstance(value, list):
        value[:] = [fill(item, fields) for item in value]
        return value
    return value


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _typed(value: Any) -> Any:
    """A whole-scalar field: a plainly written number is a number; anything else is its text."""
    if isinstance(value, bool) or value is None:
        return _text(value)
    if isinstance(value, (int, float)):
        return value
    text = str(value)
    if _PLAIN_NUMBER.fullmatch(text):
        number = float(text) if "." in text else int(text)
        return number
    return text
