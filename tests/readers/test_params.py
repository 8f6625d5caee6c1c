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


def _family(tmp_path, template: str, rows: int):
    from generator.readers.rows import read_rows

    data = tmp_path / "rows.csv"
    data.write_text("port\n" + "".join(f"P{n}\n" for n in range(rows)), encoding="utf-8")
    return tmp_path / "o.yaml", f"title: \"{template}\"\n", read_rows(data)


def test_a_runaway_template_stops_every_later_row_of_its_family_at_once(tmp_path):
    """Found by the fuzz campaign (``--generator data``, seed 81): 199 rows of a macro calling itself twice
    each ran to the row budget, four minutes in all."""
    from generator.readers import params

    path, text, rows = _family(tmp_path, "{% macro f(n) %}{% if n > 0 %}{{ f(n - 1) }}{{ f(n - 1) }}{% endif %}"
                                         "{% endmacro %}{{ f(40) }}", 199)
    messages = []
    for row in rows:
        with pytest.raises(InputError) as caught:
            render_outline(path, text, row.values, row.where, row.family)
        messages.append(caught.value.problems[0].message)
    taken = params._family_steps[rows[0].family.name]
    assert taken <= params.MAX_FAMILY_STEPS + len(rows), taken  # later rows stop at their first step
    assert all("rows.csv:" in message for message in messages)
    assert "over the rows of this data file" in messages[-1] and "loop steps" in messages[0], messages[::50]


def test_a_family_of_many_rows_may_take_its_budget_a_row_on_average(tmp_path):
    from generator.readers import params

    path, text, rows = _family(tmp_path, "{% for i in range(450) %}{% endfor %}{{ port }}", 500)
    assert 450 * len(rows) > params.MAX_FAMILY_STEPS
    for row in rows:
        rendered, fields = render_outline(path, text, row.values, row.where, row.family)
    assert [str(value) for value in fields.values] == ["P499"]
