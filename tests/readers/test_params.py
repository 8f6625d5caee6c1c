"""Family templates (``readers.params``): a template that would run for ever or raise is a located error."""

from __future__ import annotations

import pytest

from generator.errors import InputError
from generator.readers.params import render_outline

RUNAWAY = {
    "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}": "loop steps and calls",
    "{% for i in range(100000) %}{% for j in [1, 2, 3] * 30000 %}x{% endfor %}{% endfor %}": "loop steps and calls",
    "{% macro f(n) %}{% if n > 0 %}{{ f(n - 1) }}{{ f(n - 1) }}{% endif %}{% endmacro %}{{ f(40) }}":
        "loop steps and calls",
    "{% macro f(n) %}{{ f(n) }}{% endmacro %}{{ f(1) }}": "calls itself too deeply",
    "{{ 2 ** 999999 }}": "more than 30,000 digits",
    "{{ 'x' * 10 ** 9 }}": "1,000,000,000 characters",
    "{{ '%999999999d' % 3 }}": "width or precision",
    "{{ '%*d' % (999999999, 3) }}": "width or precision",
    "{{ 1 / 0 }}": "division by zero",
    "{{ 9.5 ** 99999 }}": "a number out of range",
    "{{ 'a' + 1 }}": "can only concatenate",
    "{{ [1, 2].pop(5) }}": "pop index out of range",
    "{{ '%d' % port }}": "a real number is required",
}


@pytest.mark.parametrize("expression", sorted(RUNAWAY))
def test_a_runaway_or_raising_template_is_an_error_at_its_line(tmp_path, expression):
    """Found by the fuzz campaign (``--generator data``): nested loops hung the build; `1/0` was an internal error."""
    path = tmp_path / "o.yaml"
    text = f"title: A\nsummary: [b]\nkey: \"{expression}\"\n"
    with pytest.raises(InputError) as caught:
        render_outline(path, text, {"port": "Gdansk"}, "rows.csv:2")
    (problem,) = caught.value.problems
    assert (problem.path, problem.line) == (path, 3), problem
    assert RUNAWAY[expression] in problem.message and "rows.csv:2" in problem.message, problem.message


def test_ordinary_loops_filters_and_formats_still_render(tmp_path):
    text = "title: \"{% for i in range(3) %}{{ i }}{% endfor %} {{ port|upper }} {{ '%5.1f' % 3.25 }} {{ 2 ** 10 }}\"\n"
    rendered, fields = render_outline(tmp_path / "o.yaml", text, {"port": "Gdansk"}, "rows.csv:2")
    assert [str(value) for value in fields.values] == ["0", "1", "2", "GDANSK", "  3.2", "1024"]
    assert rendered.startswith("title: \"bdfield000000x")
