"""Documents and themes built in code for the PDF renderer's tests (no YAML involved)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from msgspec.structs import replace

from generator.model import (
    Author,
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
    RichText,
    Section,
    Series,
    Source,
    Span,
    Table,
)
from generator.theme.model import PageSize, Theme
from tests.theme_fixtures import CREATED as CREATED  # re-exported: the brief's tests import them from here
from tests.theme_fixtures import MARKUP_TRAPS as MARKUP_TRAPS
from tests.theme_fixtures import TIMES, rt
from tests.theme_fixtures import make_theme as shared_theme

KOREAN, JAPANESE, GREEK = "주한미군 감축", "在日米軍の再編", "Ελληνική δημοκρατία"


def make_theme(columns: int = 1, page: PageSize = PageSize.A4) -> Theme:
    """Return the shared test theme with a serif body, as the brief's tests expect."""
    return shared_theme(body=TIMES, columns=columns, page=page)


def section(title: str, *blocks: object, key: str | None = None, brief_skip: bool = False,
            index: int = 0) -> Section:
    return Section(title=rt(title), key=rt(key) if key else None, content=tuple(blocks), deck_points=None,
                   deck_notes=None, deck_skip=False, brief_skip=brief_skip, origin=f"sections[{index}]", line=1)


def para(text: str) -> Paragraph:
    return Paragraph(rt(text), "sections[0].content[0]", 1)


def chart(kind: ChartType, title: str, series: dict[str, tuple[float, ...]], categories: tuple[str, ...],
          unit: str | None = None, source: str | None = None) -> Chart:
    return Chart(kind, title, categories, tuple(Series(n, v) for n, v in series.items()), unit, source, "c", 1)


SOURCES = (
    Source("cfr", "The Alliance in Transition", "Council on Foreign Relations", "J. Smith", "2026-03-15",
           "https://example.org/alliance?x=1&y=2", "2026-04-01", 1),
    Source("dod", "Global Posture Review", "Department of Defense", None, "2025", None, None, 2),
    Source("yon", "Seoul responds", "Yonhap", None, None, None, "2026-04-01", 3),
)


def make_document(image_path: Path | None = None, sections: tuple[Section, ...] | None = None,
                  **changes: object) -> Document:
    """Return a brief exercising every block type; ``image_path`` adds an image block."""
    points = Points((
        PointItem(rt("North Korea's missile programme has changed the calculus."), lead=rt("Threat perceptions")),
        PointItem(rt("Forces move to the wider Indo-Pacific."), lead=rt("Reallocation"), children=(
            PointItem(rt("Sub-point about Guam rotations")), PointItem(rt("Sub-point about Australia")))),
        PointItem(rt("A plain bullet without a lead.")),
    ), "p", 1)
    figures = Figures(tuple(Figure(v, rt(label), src) for v, label, src in (
        ("28,500", "troops stationed in South Korea", "dod"), ("4,500", "troops to be withdrawn", None),
        ("-16%", "change in the garrison", None), ("1953", "armistice year", None),
        ("$1.2bn", "annual host-nation support, a label long enough to wrap", None))), "f", 1)
    charts = (
        chart(ChartType.BAR, "Troops by service", {"2025": (19.2, 8.1, 0.9, 0.3)},
              ("Army", "Air Force", "Navy", "Marine Corps"), unit="thousand troops", source="dod"),
        chart(ChartType.COLUMN, "Defence spending", {"Korea": (2.4, 2.6, 2.8), "Japan": (1.0, 1.2, 1.6)},
              ("2022", "2023", "2024"), unit="% of GDP"),
        chart(ChartType.LINE, "Exercises per year", {"Combined": (12, 9, 14, 18, 20), "Field": (5, 3, 6, 8, 9)},
              ("2020", "2021", "2022", "2023", "2024")),
        chart(ChartType.PIE, "Cost sharing", {"Share": (45, 35, 20)}, ("Seoul", "Washington", "Other")),
        chart(ChartType.STACKED_BAR, "Posture mix", {"Ground": (60, 40), "Air": (30, 45), "Sea": (10, 15)},
              ("2015", "2025")),
    )
    table = Table(tuple(rt(c) for c in ("Unit", "Location", "Troops")),
                  tuple((rt(f"Row {i} unit"), rt(f"Camp {i}"), rt(f"{i * 10:,}")) for i in range(1, 61)),
                  rt("Table caption: stationed units"), "t", 1)
    late: list[object] = [table]
    if image_path is not None:
        late.append(Image(image_path, "A map", rt("Figure caption: the map"), 400, 200, "i", 1,
                          image_path.read_bytes()))
    late.append(Callout(rt("What to watch"), rt("Callout body text about the next steps."), "k", 1))
    default_sections = (
        section("Strategic context", para("Opening paragraph with a [link](https://example.org/report) and "
                                          "a citation[@cfr]. Also [mail](mailto:desk@example.org)."),
                points, Quote(rt("The move is a calculated pivot."), "Dr. Emily Chen", "Senior analyst", "cfr",
                              "q", 1),
                figures, key="The key message of section one", index=0),
        section("Charts", *charts, key="Five kinds of chart", index=1),
        section("Skipped section", para("SKIPPED SECTION TEXT"), brief_skip=True, index=2),
        section("Data", *late, key="A long table", index=3),
        section("Languages", para(KOREAN), para(JAPANESE), para(GREEK),
                Paragraph(RichText((Span(" | ".join(MARKUP_TRAPS)),)), "m", 1), index=4),
    )
    doc = Document(
        title=rt("Port Congestion on the North Sea Coast"), subtitle=rt("What the spring backlog means"),
        date=dt.date(2026, 4, 2), authors=(Author("A. Analyst", "Logistics desk"), Author("B. Writer")),
        organization="Example Institute", label="For discussion", theme=None, language="en",
        summary=(rt("Waiting times doubled in March[@cfr]."), rt("Terminals ran out of yard space.")),
        sections=sections if sections is not None else default_sections, sources=SOURCES, path=Path("x.yaml"),
    )
    return replace(doc, **changes) if changes else doc


HEBREW, ARABIC, ROCKET = "שלום עולם", "مرحبا بالعالم", "\U0001F680"
LONG_WORDS = ("Internationalization considerations notwithstanding, telecommunications infrastructure "
              "modernization and counterintelligence responsibilities remain fundamentally underappreciated "
              "by representatives of intergovernmental organizations.")


def korean_document() -> Document:
    """Return a brief written entirely in Korean: cover, takeaways, text, bullets, table and chart."""
    chart_block = chart(ChartType.BAR, "연도별 주한미군 병력", {"육군": (19.2, 18.5), "공군": (8.1, 7.9)},
                        ("이천이십사년", "이천이십오년"), unit="천 명")
    table = Table((rt("부대"), rt("위치"), rt("병력")),
                  ((rt("제2보병사단"), rt("평택"), rt("10,000")), (rt("제7공군"), rt("오산"), rt("8,000"))),
                  rt("표: 주요 부대"), "sections[0].content[2].table", 9)
    body = section("전략적 배경", para("미국은 한국에 주둔하는 병력 가운데 약 사천오백 명을 철수할 계획이다."),
                   Points((PointItem(rt("북한의 핵 능력이 안보 계산을 바꾸었다."), lead=rt("위협 인식")),
                           PointItem(rt("인도태평양 전략으로 자원을 재배치한다."))), "p", 1),
                   table, chart_block, key="동맹의 부담 분담이 핵심이다")
    return replace(make_document(sections=(body,)), title=rt("주한미군 감축 계획"),
                   subtitle=rt("전략적 배경과 지역 반응"), authors=(Author("김분석", "안보 연구실"),),
                   organization="한국 연구소", label="검토용", language="ko",
                   summary=(rt("미국은 병력 약 사천오백 명을 철수할 계획이다."),), sources=())
