"""The fixed words both outputs print ("Key takeaways", "Page 3 of 5", dates), per document language.

Stage: beside the model (a language and a theme's overrides in, ``Labels`` out). The PDF
renderer and the deck planner both take their fixed strings from here, so a ``language: ko``
brief and its deck say 핵심 요약 and 출처, never "Key takeaways" and "Source:". A language
without a catalogue (or none given) reads English; a theme's ``labels:`` replace single
words, e.g. ``takeaways: Bottom line up front``.
"""

from __future__ import annotations

import datetime as dt
import string
from collections.abc import Iterable
from typing import Any

from msgspec import Struct
from msgspec.structs import replace


class Labels(Struct, frozen=True):
    """Every fixed string of a brief and a deck; ``{page}``, ``{pages}`` and ``{n}`` are filled in."""

    takeaways: str
    notes: str  # the brief's end matter: numbered notes and the source list
    page: str
    agenda: str
    sources: str  # the deck's closing slide of sources
    source: str  # lead of a one-source line under a chart or table
    sources_lead: str  # lead of a several-source line
    figure: str
    table: str
    continued: str  # after a split table's caption, or a quote carried over
    cont: str  # after a slide title whose list goes on from the slide before
    accessed: str  # when a web source was read: ``{date}``
    unit: str  # under a chart title: ``{unit}``
    months: tuple[str, ...]
    date: str  # ``{day}``, ``{month}`` (a name from ``months``) and ``{year}``
    day_one: str = "1"  # how the first of a month is written: French says "1er"
    footnotes: str = "Notes"  # the brief's list of notes written [^text], when the theme puts them at the end
    how_to_cite: str = "How to cite this brief"  # heads the brief's closing citation line (`how-to-cite: true`)
    comma: str = ", "  # between the parts of that citation: authors, title, publisher, date
    cite_title: str = "{title}"  # the cited title: ``{title}``; Japanese sets it in 『』, Chinese in 《》
    cite_imprint: str = " ({imprint})"  # after it, organization, series and date: ``{imprint}``
    # under a table cut to ``deck.table-slides`` slides: ``{first}``, ``{last}``, ``{total}`` rows
    rows_shown: str = "Rows {first}\u2013{last} of {total} shown; the full table is in the brief."

    def rows_of(self, first: int, last: int, total: int) -> str:
        return self.rows_shown.format(first=first, last=last, total=total)

    def page_of(self, page: int, pages: int) -> str:
        return self.page.format(page=page, pages=pages)

    def long_date(self, day: dt.date) -> str:
        """Return ``day`` written out as the language writes dates in running text."""
        return self.date.format(day=self.day_one if day.day == 1 else str(day.day), month=self.months[day.month - 1],
                                year=day.year)

    def loose_date(self, text: str) -> str:
        """Return an ISO date (``2026-04-02``) written out, and anything else (``Spring 2025``) as given."""
        try:
            return self.long_date(dt.date.fromisoformat(text.strip()))
        except ValueError:
            return text


_NBSP = "\u00a0"  # French sets a no-break space before a colon
_EN = Labels(
    takeaways="Key takeaways", notes="Notes and sources", page="Page {page} of {pages}", agenda="Agenda",
    sources="Sources", source="Source:", sources_lead="Sources:", figure="Figure {n}", table="Table {n}",
    continued="(continued)", cont="(cont.)", accessed="accessed {date}", unit="Values in {unit}",
    months=("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
            "November", "December"),
    date="{day} {month} {year}")
CATALOGUE: dict[str, Labels] = {
    "en": _EN,
    "fr": Labels(
        how_to_cite="Comment citer cette note",
        rows_shown=f"Lignes {{first}}\u2013{{last}} sur {{total}}{_NBSP}; le tableau complet figure dans la note.",
        takeaways="Points clés", notes="Notes et sources", page="Page {page} sur {pages}", agenda="Sommaire",
        footnotes="Notes",
        sources="Sources", source=f"Source{_NBSP}:", sources_lead=f"Sources{_NBSP}:", figure="Figure {n}",
        table="Tableau {n}", continued="(suite)", cont="(suite)",
        accessed="consulté le {date}", unit="Valeurs en {unit}",
        months=("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
                "novembre", "décembre"),
        date="{day} {month} {year}", day_one="1er"),
    "de": Labels(
        how_to_cite="Zitiervorschlag",
        rows_shown="Zeilen {first}\u2013{last} von {total}; die vollständige Tabelle steht im Bericht.",
        takeaways="Das Wichtigste in Kürze", notes="Anmerkungen und Quellen", page="Seite {page} von {pages}",
        footnotes="Anmerkungen",
        agenda="Inhalt", sources="Quellen", source="Quelle:", sources_lead="Quellen:", figure="Abbildung {n}",
        table="Tabelle {n}", continued="(Fortsetzung)", cont="(Forts.)",
        accessed="abgerufen am {date}", unit="Werte in {unit}",
        months=("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober",
                "November", "Dezember"),
        date="{day}. {month} {year}"),
    "es": Labels(
        how_to_cite="Cómo citar este informe",
        rows_shown="Filas {first}\u2013{last} de {total}; la tabla completa figura en el informe.",
        takeaways="Puntos clave", notes="Notas y fuentes", page="Página {page} de {pages}", agenda="Índice",
        footnotes="Notas",
        sources="Fuentes", source="Fuente:", sources_lead="Fuentes:", figure="Figura {n}", table="Tabla {n}",
        continued="(continuación)", cont="(cont.)", accessed="consultado el {date}", unit="Valores en {unit}",
        months=("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre",
                "noviembre", "diciembre"),
        date="{day} de {month} de {year}"),
    "ko": Labels(
        how_to_cite="인용 방법",
        rows_shown="전체 {total}행 중 {first}\u2013{last}행 표시. 전체 표는 보고서에 있습니다.",
        takeaways="핵심 요약", notes="주석 및 출처", page="{page} / {pages}쪽", agenda="목차", sources="출처",
        footnotes="주석",
        source="출처:", sources_lead="출처:", figure="그림 {n}", table="표 {n}", continued="(계속)", cont="(계속)",
        accessed="{date} 접속", unit="단위: {unit}",
        months=tuple(f"{m}월" for m in range(1, 13)), date="{year}년 {month} {day}일"),
    "ja": Labels(
        how_to_cite="引用方法", comma="、", cite_title="『{title}』", cite_imprint="（{imprint}）",
        rows_shown="全{total}行のうち{first}\u2013{last}行を表示。表全体は報告書にあります。",
        takeaways="要点", notes="注記と出典", page="{page} / {pages} ページ", agenda="目次", sources="出典",
        footnotes="注記",
        source="出典：", sources_lead="出典：", figure="図{n}", table="表{n}", continued="（続き）", cont="（続き）",
        accessed="{date}閲覧", unit="単位：{unit}",
        months=tuple(f"{m}月" for m in range(1, 13)), date="{year}年{month}{day}日"),
    "zh": Labels(
        how_to_cite="引用格式", comma="，", cite_title="《{title}》", cite_imprint="（{imprint}）",
        rows_shown="显示第 {first}\u2013{last} 行，共 {total} 行；完整表格见简报。",
        takeaways="要点", notes="注释与资料来源", page="第 {page} 页，共 {pages} 页", agenda="目录", sources="资料来源",
        footnotes="注释",
        source="来源：", sources_lead="来源：", figure="图{n}", table="表{n}", continued="（续）", cont="（续）",
        accessed="{date}访问", unit="单位：{unit}",
        months=tuple(f"{m}月" for m in range(1, 13)), date="{year}年{month}{day}日"),
    "ar": Labels(
        how_to_cite="كيفية الاستشهاد بهذا الموجز", comma="، ",
        rows_shown="الصفوف {first}\u2013{last} من {total} معروضة؛ الجدول الكامل في التقرير.",
        takeaways="أبرز النقاط", notes="الملاحظات والمصادر", page="صفحة {page} من {pages}", agenda="جدول الأعمال",
        footnotes="الملاحظات",
        sources="المصادر", source="المصدر:", sources_lead="المصادر:", figure="الشكل {n}", table="الجدول {n}",
        continued="(تابع)", cont="(تابع)", accessed="تاريخ الاطلاع {date}", unit="القيم بوحدة {unit}",
        months=("يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر",
                "ديسمبر"),
        date="{day} {month} {year}"),
}
# languages written right to left: their brief mirrors its grid (the text column at the right, see
# ``render.pdf.page``), aligns text right and sets tables' first column at the right
RTL_LANGUAGES = frozenset({"ar", "he", "fa", "ur", "yi", "ps", "sd", "ug", "ckb", "dv"})
OVERRIDABLE = tuple(name for name in Labels.__struct_fields__ if name not in ("months", "day_one"))


def placeholder_problem(name: str, text: str) -> str | None:
    """Return why ``text`` cannot reword label ``name`` (a placeholder its English one lacks, a lone brace), or None."""
    allowed = {field for _, field, _, _ in string.Formatter().parse(getattr(_EN, name)) if field}
    if not allowed:
        return None  # never formatted: braces are plain text
    try:
        used = {field for _, field, _, _ in string.Formatter().parse(text) if field is not None}
    except ValueError:
        return f"has a lone {{ or }}; write {{{{ or }}}} for a brace, not {text!r}"
    if used - allowed:
        names = ", ".join(f"{{{field}}}" for field in sorted(allowed))
        return f"may fill in only {names}, not {{{sorted(used - allowed)[0]}}}"
    return None


def labels_for(language: str | None, overrides: Iterable[tuple[str, str]] = ()) -> Labels:
    """Return the labels for ``language`` (``ko``, ``pt-BR``: its first part counts), with a theme's overrides."""
    base = CATALOGUE.get((language or "en").split("-")[0].lower(), _EN)
    changes: dict[str, Any] = dict(overrides)
    return replace(base, **changes) if changes else base


def right_to_left(language: str | None) -> bool:
    """Return whether ``language`` (``ar``, ``fa-IR``: its first part counts) is written right to left."""
    return (language or "").split("-")[0].lower() in RTL_LANGUAGES


def cited_numbers(numbers: Iterable[int], separator: str = ",") -> str:
    """Return source numbers as one citation mark: sorted, each once, runs of three or more as a range.

    ``[@a] [@c] [@b]`` citing sources 3, 1 and 2 reads "1–3"; 1, 3 and 4 read "1,3,4" (``separator``
    joins them: "," in a superscript, ", " between brackets).
    """
    ordered = sorted(set(numbers))
    groups: list[list[int]] = []
    for number in ordered:
        if groups and number == groups[-1][-1] + 1:
            groups[-1].append(number)
        else:
            groups.append([number])
    parts: list[str] = []
    for group in groups:
        parts += [f"{group[0]}\u2013{group[-1]}"] if len(group) >= 3 else [str(n) for n in group]
    return separator.join(parts)
