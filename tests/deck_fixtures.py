"""Documents and themes built in code for the deck planner's and renderer's tests (no YAML).

``rich_document`` holds every block type and every hard case the deck must survive: a
40-bullet list, a 60-row table, a 2,000-word paragraph without a full stop, a 300-character
token, all five chart types, an image, Korean and Greek, literal ``<b>`` and ``&``.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from msgspec.structs import replace
from PIL import Image as PILImage

from generator.model import (
    Author,
    Block,
    Callout,
    Chart,
    ChartType,
    Document,
    Figure,
    Figures,
    Image,
    Paragraph,
    PointItem,
    Points,
    Quote,
    Section,
    Series,
    Source,
    Table,
)
from tests.theme_fixtures import CREATED as CREATED  # re-exported: the deck tests import them from here
from tests.theme_fixtures import HELVETICA as HELVETICA
from tests.theme_fixtures import MARKUP_TRAPS as MARKUP_TRAPS
from tests.theme_fixtures import TIMES as TIMES
from tests.theme_fixtures import make_theme as make_theme
from tests.theme_fixtures import rt as rt

KOREAN, GREEK = "주한미군 감축은 한반도 안보의 핵심 문제이다", "Ελληνικά κείμενα"
TOKEN = "".join("abcdefghijklmnopqrstuvwxyz0123456789"[(i * 7) % 36] for i in range(300))
WORDS = ("capacity coastal depot training region planning southern survey posture sealift inventory annual "
         "supplier parts engineering harbour command munitions fuel assessment eastern western").split()


def words(count: int, seed: int = 0) -> str:
    """Return ``count`` plausible words, deterministic for a seed."""
    return " ".join(WORDS[(seed * 31 + i * 17 + i * i) % len(WORDS)] for i in range(count))


def make_png(path: Path, width: int = 400, height: int = 240) -> Path:
    PILImage.new("RGB", (width, height), (31, 58, 95)).save(path)
    return path


def section(index: int, title: str, content: list[Block], key: str | None = None, **deck: object) -> Section:
    """Return a section; content blocks get their origins from ``index``."""
    origin = f"sections[{index}]"
    blocks = tuple(replace(block, origin=f"{origin}.content[{i}]", line=10 * index + i + 2)  # type: ignore[type-var]
                   for i, block in enumerate(content))
    return Section(title=rt(title), key=rt(key) if key else None, content=blocks,
                   deck_points=deck.get("points"),  # type: ignore[arg-type]
                   deck_notes=deck.get("notes"),  # type: ignore[arg-type]
                   deck_skip=bool(deck.get("skip", False)), brief_skip=False, origin=origin, line=10 * index + 1)


def paragraph(text: str) -> Paragraph:
    return Paragraph(rt(text), "", 0)


def points(*items: PointItem) -> Points:
    return Points(tuple(items), "", 0)


def item(text: str, lead: str | None = None, children: tuple[str, ...] = ()) -> PointItem:
    return PointItem(rt(text), rt(lead) if lead else None, tuple(PointItem(rt(c)) for c in children))


def chart(kind: ChartType, series: int = 2) -> Chart:
    categories = ("North Quay", "East Basin", "Rail Pier", "Ferry Dock")
    data = tuple(Series(f"Series {s + 1}", tuple(float((s + 2) * (c + 1) % 11 + 1) for c in range(4)))
                 for s in range(1 if kind is ChartType.PIE else series))
    return Chart(kind, f"{kind.value} chart", categories, data, "vessels", "stats", "", 0)


def sources() -> tuple[Source, ...]:
    return (
        Source("stats", "Monthly Port Statistics", publisher="Port Authority", date="2026-02-05",
               url="https://example.org/stats", number=1),
        Source("survey", "Yard Occupancy Survey", publisher="Terminal Operators", number=2),
        Source("interview", "Interview with terminal staff", date="2026-02-10", number=3),
    )


def document(sections: tuple[Section, ...], path: Path = Path("outline.yaml"), **fields: object) -> Document:
    """Return a document with sensible top-level fields around ``sections``."""
    values: dict[str, object] = dict(
        title=rt("Harbour Capacity on the Baltic Coast"), subtitle=rt("What the winter backlog means"),
        date=dt.date(2026, 4, 2), authors=(Author("Ada Lindqvist", "Logistics desk"), Author("Jonas Berg")),
        organization="Northern Freight Observatory", label="For discussion", theme=None, language="en",
        summary=(rt("Waiting time rose to 3.4 days [@stats]."), rt("Yards ran above 90% [@survey].")),
        sections=sections, sources=sources(), path=path)
    values.update(fields)
    return Document(**values)  # type: ignore[arg-type]


def forty_bullets() -> Points:
    return points(*(item(f"Point {n:02d} says {words(9, 1)}.") for n in range(1, 41)))


def sixty_rows() -> Table:
    regions = ("South", "East", "West", "Central", "Coastal", "North")
    rows = tuple((rt(f"Site {n:02d}"), rt(regions[n % 6]), rt(str(n * 37 % 900)), rt(f"{n * 13 % 100}%"))
                 for n in range(1, 61))
    return Table((rt("Site"), rt("Region"), rt("Staff"), rt("Share")), rows, rt("Sixty sites"), "", 0)


def rich_document(image: Path) -> Document:
    """Return a document with every block type and every hard case."""
    return document((
        section(0, "What happened", [
            paragraph("Ice closures in January caught terminals short [@stats]. Arrivals kept coming. "
                      "See the [port site](https://example.org/port) for more."),
            points(item("opens in April and moves 400 boxes a day [@stats].", lead="Rail shuttle"),
                   item("another closure would add a week.", lead="Weather"),
                   item("Labour", children=("A wage deal is due in March.", "Overtime caps night shifts."))),
            Figures((Figure("3.4 days", rt("average berth wait"), "stats"), Figure("+62%", rt("vs December")),
                     Figure("91%", rt("peak yard occupancy"), "survey"), Figure("28,500", rt("boxes waiting")),
                     Figure("-16%", rt("rail share"))), "", 0),
            Quote(rt("We lost a fortnight of throughput in nine days."), "Marta Kowalczyk",
                  "Terminal operations manager", "interview", "", 0),
        ], key="Ice and a crane failure stacked up three weeks of arrivals"),
        section(1, "Where the pressure is", [
            *(chart(kind) for kind in ChartType),
            Table((rt("Terminal"), rt("Berths"), rt("Yard occupancy"), rt("Status")),
                  ((rt("North Quay"), rt("6"), rt("94%"), rt("Congested")),
                   (rt("East Basin"), rt("4"), rt("91%"), rt("Congested"))), rt("Terminal status"), "", 0),
            Image(image, "Map of the four terminals", rt("Terminal layout"), 400, 240, "", 0,
                  image.read_bytes() if image.is_file() else b""),  # the planner never reads it
            Callout(rt("Why it matters"), rt("Retailers hold two weeks of stock."), "", 0),
        ], key="Container terminals carry most of the backlog"),
        section(2, "Everything at once", [forty_bullets(), sixty_rows()], key="Long content splits cleanly"),
        section(3, "An essay", [paragraph(words(2000, 3)), paragraph(f"The identifier {TOKEN} is long.")]),
        section(4, "Scripts and literals", [
            paragraph(f"{KOREAN}. {GREEK} here."),
            points(*(item(f"The text {trap} stays literal.") for trap in MARKUP_TRAPS),
                   item(f"Korean: {KOREAN}"), item(f"Greek: {GREEK}"), item("Read the [example site](https://example.org)."),
                   item("This is **bold** and *italic*.")),
        ], key=f"{GREEK} and 한국어 headings work"),
        section(5, "Skipped in the deck", [paragraph("Only for the brief.")], skip=True),
        section(6, "Deck overrides", [paragraph("Prose that the deck notes replace."),
                                      points(item("A point the deck points replace."))],
                points=(item("The deck's own point."),), notes="Say this instead."),
    ))
