"""A chart laid out shorter to stay on its page: its labels keep their size and never overlap.

The charts of the rich case and the stress outline are laid out by the brief's own chart code in
every built-in theme, at their natural height and at their least (``PlotFlowable.fit_to(0)``);
every label is read back from the drawing (its String shapes: font size, baseline, width).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from reportlab.graphics.shapes import Drawing, Group, String
from reportlab.pdfbase.pdfmetrics import stringWidth

from generator import model
from generator.labels import labels_for
from generator.readers.outline import load_outline
from generator.render.pdf.charts import MIN_PLOT_SHARE, PlotFlowable, chart_flowables
from generator.render.pdf.page import PageGeometry
from generator.render.pdf.style import build_styles
from generator.render.pdf.text import TextSetter
from generator.theme.load import builtin_theme_names, resolve_theme
from tests.render.test_charts import CHARTS
from tests.render.typeset_measure import CASES, STRESS

OUTLINES = (CASES / "rich.yaml", STRESS)
EPSILON_PT = 0.01  # two pieces of one label abut; rounding must not make them overlap


@dataclass(frozen=True)
class Label:
    text: str
    size_pt: float
    x0: float
    x1: float
    y0: float  # the em box: a fifth of the size under the baseline, four fifths over it
    y1: float

    def overlaps(self, other: Label) -> bool:
        return (self.x0 < other.x1 - EPSILON_PT and other.x0 < self.x1 - EPSILON_PT
                and self.y0 < other.y1 - EPSILON_PT and other.y0 < self.y1 - EPSILON_PT)


def labels_of(drawing: Drawing) -> list[Label]:
    found: list[Label] = []
    shapes = list(drawing.contents)
    while shapes:
        shape = shapes.pop()
        if isinstance(shape, Group):
            shapes += shape.contents
        elif isinstance(shape, String):
            assert shape.textAnchor == "start"
            size = shape.fontSize
            width = stringWidth(shape.text, shape.fontName, size)
            found.append(Label(shape.text, size, shape.x, shape.x + width, shape.y - size * 0.2, shape.y + size * 0.8))
    return found


def plots(outline: Path | None, theme_name: str) -> list[tuple[model.Chart, PlotFlowable]]:
    """Return the plot of every chart of ``outline`` (None: the twelve-category charts of ``test_charts``)."""
    doc, theme = load_outline(outline or OUTLINES[0]), resolve_theme(theme_name)
    styles = build_styles(theme, doc.language)
    text = TextSetter(doc.path, doc.language, {s.id: s for s in doc.sources}, theme.colors.primary,
                      theme.colors.accent)
    page = PageGeometry.from_theme(theme, gutter_pt=styles.lead_pt * 1.5)
    charts = [b for section in doc.sections for b in section.content if isinstance(b, model.Chart)] \
        if outline else list(CHARTS)
    found = []
    for chart in charts:
        flowables = chart_flowables(chart, styles, text, theme, page.frame_width_pt, doc,
                                    labels_for(doc.language, theme.labels), page.frame_height_pt)
        found += [(chart, f) for f in flowables if isinstance(f, PlotFlowable)]
    return found


BUILDS = [(outline, theme) for outline in (*OUTLINES, None) for theme in builtin_theme_names()]


@pytest.mark.parametrize(("outline", "theme_name"), BUILDS,
                         ids=[f"{o.stem if o else 'charts'}-{t}" for o, t in BUILDS])
def test_a_chart_at_its_least_height_keeps_every_label_size_and_no_labels_overlap(outline: Path | None,
                                                                                 theme_name: str) -> None:
    for chart, plot in plots(outline, theme_name):
        least = plot.fit_to(0.0)
        assert least.height == pytest.approx(plot.min_height_pt)
        assert least.height <= plot.height
        natural, fitted = labels_of(plot.drawing), labels_of(least.drawing)
        assert sorted((label.text, label.size_pt) for label in fitted) == \
            sorted((label.text, label.size_pt) for label in natural), chart.title
        clashes = [(a.text, b.text) for n, a in enumerate(fitted) for b in fitted[n + 1:] if a.overlaps(b)]
        assert not clashes, (chart.title, theme_name, clashes)
        assert all(label.y0 >= -EPSILON_PT and label.y1 <= least.height + EPSILON_PT for label in fitted), chart.title


def test_each_kind_of_chart_is_laid_out_shorter_down_to_its_stated_least() -> None:
    for chart, plot in plots(CASES / "rich.yaml", "classic"):
        least = plot.fit_to(0.0)
        assert least.height < plot.height, chart.title
        between = plot.fit_to((least.height + plot.height) / 2)
        assert least.height <= between.height <= (least.height + plot.height) / 2 + EPSILON_PT, chart.title
        assert plot.fit_to(plot.height * 2).height == pytest.approx(plot.height)
    line = next(p for c, p in plots(CASES / "rich.yaml", "classic") if c.type is model.ChartType.LINE)
    assert line.fit_to(0.0).height >= line.height * MIN_PLOT_SHARE


def test_a_bar_chart_at_its_least_moves_its_legend_under_long_category_labels() -> None:
    chart, plot = plots(None, "classic")[0]  # two series of bars, twelve long category names
    assert chart.type is model.ChartType.BAR
    series = {s.name for s in chart.series}
    for drawing, below in ((plot.drawing, False), (plot.fit_to(0.0).drawing, True)):
        found = labels_of(drawing)
        keys = [label for label in found if label.text in series]
        names = [label for label in found if label.text in chart.categories]
        assert len(keys) == len(series) and len(names) == len(chart.categories)
        if below:
            assert max(key.y1 for key in keys) < min(name.y0 for name in names)
        else:
            assert min(key.y0 for key in keys) > max(name.y1 for name in names)


def test_a_chart_laid_out_shorter_moves_its_legend_up_onto_its_unit_line_when_the_plot_does_not_fit_under_it() -> None:
    for theme_name in builtin_theme_names():
        chart, plot = next((c, p) for c, p in plots(CASES / "rich.yaml", theme_name)
                           if c.type is model.ChartType.BAR)  # two series, a unit: "Values in vessels"
        series = {s.name for s in chart.series}
        for drawing, beside in ((plot.drawing, False), (plot.fit_to(0.0).drawing, True)):
            found = labels_of(drawing)
            unit = next(label for label in found if label.text.startswith("Values in"))
            keys = [label for label in found if label.text in series]
            bars = [label for label in found if label.text in chart.categories]
            assert len(keys) == len(series) and unit.y1 <= drawing.height + EPSILON_PT
            if beside:  # on the unit's baseline, right of it, over the bars
                assert all(abs(key.y0 - unit.y0) < EPSILON_PT and key.x0 > unit.x1 for key in keys), theme_name
                assert min(key.y0 for key in keys) > max(bar.y1 for bar in bars)
            else:  # a row of its own under the unit line
                assert all(key.y1 <= unit.y0 + EPSILON_PT for key in keys), theme_name
    plain, least = plot.height, plot.fit_to(0.0).height
    between = plot.fit_to(plain - 5).height  # a little shorter: thinner bars do it, the legend stays above
    assert least < between <= plain - 5 + EPSILON_PT
