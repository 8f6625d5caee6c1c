"""Parameterised outlines: outline text with ``{{ field }}`` and ``{% for %}`` in, plain outline text out.

Stage: before the YAML reader, only for builds with ``--data``. The template is rendered by
Jinja2's sandbox with undefined fields as errors. A value can never change the outline's
structure: every ``{{ ... }}`` is rendered as an opaque token of letters and digits, the YAML
is parsed, and only then are the tokens inside the parsed text replaced by the values, so
``Santos: Brazil`` or ``- item`` stays text. A scalar that is one token and whose value is a
number written plainly (``12.5``, ``-3``) becomes that number, so chart values stay numbers;
``02134`` stays text. Jinja2 is imported only here.

The sandbox keeps templates from reaching Python; ``_bounded_sandbox`` also keeps them from
running for ever: every loop item and every call counts against one budget per row
(``MAX_TEMPLATE_STEPS``) and one per data file's rows in this process (``MAX_FAMILY_STEPS``),
and ``*``, ``**`` and ``%`` refuse results past the size of an outline, so nested loops,
recursive macros and ``9 ** 9 ** 9`` are errors at their line, not hangs. An
exception an expression raises (``1/0``, ``'a' + 1``) is the author's error, reported at its line.
"""

from __future__ import annotations

import re
import traceback
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from generator.errors import InputError, Problem
from generator.readers.rows import Family

TOKEN_PREFIX = "bdfield"
_TOKEN = re.compile(TOKEN_PREFIX + r"(\d{6})x")
_PLAIN_NUMBER = re.compile(r"-?(0|[1-9]\d{0,14})(\.\d{1,15})?")
MAX_RENDERED_CHARS = 2_000_000
MAX_FAMILY_STEPS = 200_000  # loop items and calls of all a family's rows in one process, at the least (about 1 s)
MAX_FAMILY_STEPS_PER_ROW = 500  # ... or this many a row on average, for families of more than 400 rows
MAX_TEMPLATE_STEPS = 20_000  # loop items and calls while one row renders (about 0.1 s): 4 times an outline's parts
MAX_POWER_BITS = 100_000  # ``**`` results beyond this many bits (30,000 digits) are refused
_FORMAT_WIDTH = re.compile(r"%[-+ #0]*(\d+)(?:\.(\d+))?|%[-+ #0]*\*")


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


_family_steps: dict[str, int] = {}  # steps the rows of each family have taken in this process, by its name


def _family_budget(family: Family | None) -> tuple[int, int]:
    """Return the steps a row's family has taken in this process, and the most it may take."""
    if family is None:
        return 0, MAX_FAMILY_STEPS
    return _family_steps.get(family.name, 0), max(MAX_FAMILY_STEPS, MAX_FAMILY_STEPS_PER_ROW * family.rows)


def _spend(family: Family | None, steps: int) -> None:
    """Record the steps ``family`` has taken in this process; forget the oldest of many families."""
    if family is None:
        return
    _family_steps.pop(family.name, None)
    _family_steps[family.name] = steps
    while len(_family_steps) > 64:  # a long-running watch reads its data file again at every save
        del _family_steps[next(iter(_family_steps))]


def _template_line(exc: BaseException, name: str) -> int:
    """Return the outline line Jinja was rendering when ``exc`` was raised (1 when unknown)."""
    lines = [frame.lineno for frame in traceback.extract_tb(exc.__traceback__) if frame.filename == name]
    return lines[-1] if lines and lines[-1] else getattr(exc, "lineno", None) or 1


def _bounded_sandbox(family_used: int = 0, family_most: int = MAX_FAMILY_STEPS, **options: Any) -> Any:
    """Return a Jinja sandbox whose loops, calls and operators cannot run for ever or fill the memory.

    Besides its own budget, a row may not take its family past ``family_most`` steps: a runaway
    template then stops every later row at its first step, so a family of many rows does not pay
    the full budget on each (199 rows of a macro calling itself twice took 4 minutes).
    """
    from jinja2 import nodes
    from jinja2.exceptions import SecurityError
    from jinja2.sandbox import SandboxedEnvironment

    class BoundedSandbox(SandboxedEnvironment):
        intercepted_binops = frozenset({"*", "**", "%"})

        def __init__(self) -> None:
            super().__init__(**options)
            self.steps = 0
            self.globals["__bd_counted"] = self.counted

        def step(self) -> None:
            self.steps += 1
            if self.steps > MAX_TEMPLATE_STEPS:
                raise SecurityError(f"the template takes more than {MAX_TEMPLATE_STEPS:,} loop steps and calls")
            if family_used + self.steps > family_most:
                raise SecurityError(f"the template has taken more than {family_most:,} loop steps and calls over "
                                    "the rows of this data file")

        def counted(self, items: Any) -> Any:
            for item in items:
                self.step()
                yield item

        def _parse(self, source: str, name: str | None, filename: str | None) -> Any:
            tree = super()._parse(source, name, filename)
            for loop in tree.find_all(nodes.For):  # every loop's items go through the budget
                loop.iter = nodes.Call(nodes.Name("__bd_counted", "load"), [loop.iter], [], None, None)
            return tree

        def call(self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
            self.step()
            return super().call(__context, __obj, *args, **kwargs)

        def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
            if operator == "*" and any(isinstance(side, (str, list, tuple)) for side in (left, right)):
                count = right if isinstance(left, (str, list, tuple)) else left
                size = len(left if isinstance(left, (str, list, tuple)) else right)
                if isinstance(count, int) and count * size > MAX_RENDERED_CHARS:
                    raise SecurityError(f"`*` would make {count * size:,} characters or items")
            if operator == "**" and isinstance(left, int) and isinstance(right, int) and right > 0 \
                    and abs(left) > 1 and abs(left).bit_length() * right > MAX_POWER_BITS:
                raise SecurityError("`**` would make a number of more than 30,000 digits")
            if operator == "%" and isinstance(left, str) and any(
                    not match.group(1) or int(match.group(1)) > MAX_RENDERED_CHARS
                    or int(match.group(2) or 0) > MAX_RENDERED_CHARS for match in _FORMAT_WIDTH.finditer(left)):
                raise SecurityError("`%` with a width or precision that is `*` or over the size of an outline")
            return super().call_binop(context, operator, left, right)

    return BoundedSandbox()


def render_outline(path: Path, text: str, values: Mapping[str, Any], where: str,
                   family: Family | None = None) -> tuple[str, Fields]:
    """Return the outline text with fields replaced by tokens, and the values behind the tokens.

    ``where`` names the data row (``rows.csv:17``) in messages; ``family`` the rows it was read
    with, which share a budget of steps. Undefined fields, syntax errors, sandbox refusals and
    errors raised by the template's expressions are InputErrors at the outline line.
    """
    from jinja2 import StrictUndefined, TemplateError, Undefined, UndefinedError

    fields = Fields(Undefined)
    used, most = _family_budget(family)
    env = _bounded_sandbox(used, most, undefined=StrictUndefined, autoescape=False, keep_trailing_newline=True,
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
    except (ArithmeticError, TypeError, ValueError, LookupError, RecursionError) as exc:
        # Raised by the author's own expression (`1/0`, `'a' + 1`, a macro calling itself): the sandbox
        # lets no other code run, so this is the template's error, at its line.
        detail = ("a macro or loop calls itself too deeply" if isinstance(exc, RecursionError)
                  else "a number out of range" if isinstance(exc, OverflowError) else str(exc))
        raise InputError([Problem(path, _template_line(exc, name), 1,
                                  f"template: {detail} (data row {where})")]) from None
    finally:
        _spend(family, used + env.steps)
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
