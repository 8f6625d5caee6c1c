"""Reference libraries in `sources:`: BibTeX and CSL-JSON entries become sources; bad files are reported."""

from __future__ import annotations

import json

import pytest

from generator.errors import InputError
from generator.readers.outline import load_outline
from generator.source.bibtex import BibError, names, plain, read_bibtex

BIB = r"""% Exported by JabRef; an address like someone@example.org between entries is ignored
@string{fp = "Foreign"}
@comment{ @article{ignored, title = {Not an entry}} }
@Article{kim2024,
  author = {Kim, Ji-woo and M{\"u}ller, J{\"o}rg},
  title = {The {Korean} alliance: costs \& benefits},
  journal = fp # " Policy",
  year = 2024, month = mar, day = 5,
  doi = {10.1000/xyz},
}
@book(unused, title = "Never cited", year = 2001)
@techreport{rand, author = {{RAND Corporation}}, title = "Burden sharing", institution = {RAND},
  year = 2019, url = {https://rand.org/x}, urldate = {2026-01-10},}
"""
CSL = [{"id": "park2023", "type": "article-journal", "title": "Troop levels and deterrence",
        "author": [{"family": "Park", "given": "Min"}, {"literal": "Korea Institute"}],
        "container-title": "Journal of Strategy", "issued": {"date-parts": [[2023, 11]]},
        "URL": "https://example.org/park"},
       {"id": "ed", "title": "Edited volume", "editor": [{"family": "Lee", "given": "Su"}], "publisher": "Press",
        "issued": {"date-parts": [[2020]]}}]


def _library_outline(write_outline, tmp_path, sources: str, text: str) -> object:
    (tmp_path / "refs.bib").write_text(BIB, encoding="utf-8")
    (tmp_path / "zotero.json").write_text(json.dumps(CSL, indent=2), encoding="utf-8")
    return write_outline(f"title: T\nsources: {sources}\nsections:\n  - title: S\n    content:\n      - {text}\n")


def test_bibtex_and_csl_entries_become_numbered_sources_with_their_fields(write_outline, tmp_path):
    path = _library_outline(write_outline, tmp_path, "[refs.bib, {id: mine, title: Inline}, zotero.json]",
                            "Costs [@park2023], [@kim2024], [@mine], [@rand] and [@ed].")
    sources = load_outline(path).sources
    assert [(s.number, s.id) for s in sources] == [(1, "kim2024"), (2, "rand"), (3, "mine"), (4, "park2023"),
                                                   (5, "ed")]
    kim, rand, _, park, ed = sources
    assert (kim.title, kim.author, kim.publisher, kim.date, kim.url) == (
        "The Korean alliance: costs & benefits", "Ji-woo Kim and Jörg Müller", "Foreign Policy", "2024-03-05",
        "https://doi.org/10.1000/xyz")
    assert (rand.author, rand.publisher, rand.date, rand.url, rand.accessed) == (
        "RAND Corporation", "RAND", "2019", "https://rand.org/x", "2026-01-10")
    assert (park.author, park.publisher, park.date, park.url) == (
        "Min Park and Korea Institute", "Journal of Strategy", "November 2023", "https://example.org/park")
    assert (ed.author, ed.publisher, ed.date) == ("Su Lee (ed.)", "Press", "2020")


def test_a_single_library_may_stand_for_the_list_and_uncited_entries_are_left_out(write_outline, tmp_path):
    path = _library_outline(write_outline, tmp_path, "refs.bib", "Only [@rand].")
    assert [(s.number, s.id) for s in load_outline(path).sources] == [(1, "rand")]


def _problems(path) -> str:
    with pytest.raises(InputError) as caught:
        load_outline(path)
    return "\n".join(str(problem) for problem in caught.value.problems)


def test_duplicate_keys_and_unknown_ids_are_errors_where_they_are_written(write_outline, tmp_path):
    (tmp_path / "twice.bib").write_text("@misc{a, title={A}}\n\n@misc{a, title={Again}}\n", encoding="utf-8")
    path = _library_outline(write_outline, tmp_path, "[{id: rand, title: Mine}, refs.bib, twice.bib]",
                            "Cited [@kim2024] and [@kim2042].")
    text = _problems(path)
    assert f"{tmp_path / 'twice.bib'}:3:1: citation key `a` is used by an earlier entry (line 1)" in text
    assert f"{path}:2:36: sources[1]: citation key `rand` ({tmp_path / 'refs.bib'}:12) is used by an earlier " \
           "source" in text
    assert f"{path}:6:9: sections[0].content[0]: unknown source id `kim2042`" in text


def test_bad_library_files_are_reported_at_their_own_lines(write_outline, tmp_path):
    (tmp_path / "broken.bib").write_text("@misc{ok, title={Fine}}\n@misc{b,\n  title = {never closed\n",
                                         encoding="utf-8")
    (tmp_path / "broken.json").write_text('[\n  {"id": "x",\n   "title": }\n]\n', encoding="utf-8")
    (tmp_path / "notitle.json").write_text('[\n  {"id": "x"},\n  {"title": "no id"}\n]\n', encoding="utf-8")
    (tmp_path / "notes.txt").write_text("x", encoding="utf-8")
    path = _library_outline(write_outline, tmp_path,
                            "[broken.bib, broken.json, notitle.json, notes.txt, missing.bib, ../outside.bib]", "x")
    text = _problems(path)
    assert f"{tmp_path / 'broken.bib'}:3:11: this brace is never closed (in the @misc that starts on line 2)" in text
    assert f"{tmp_path / 'broken.json'}:3:13: not valid JSON: Expecting value" in text
    assert f"{tmp_path / 'notitle.json'}:2:1: entry `x` has no title" in text
    assert f"{tmp_path / 'notitle.json'}:1:1: entry 2 has no `id`" in text
    assert "sources[3]: `notes.txt` is not a reference library" in text
    assert "sources[4]: library `missing.bib` not found" in text
    assert "sources[5]: library `../outside.bib` is outside the outline's folder" in text


@pytest.mark.parametrize(("raw", "text"), [
    (r"{\'E}cole d'{\'e}t{\'e}", "École d'été"), (r"Ni{\~n}o \& {Sons} -- 1990---91", "Niño & Sons – 1990—91"),
    (r"\textit{Italic} {\v{C}}apek", "Italic Čapek"), (r"Stra{\ss}e {\o}l", "Straße øl"),
])
def test_bibtex_values_become_plain_text(raw, text):
    assert plain(raw) == text


def test_bibtex_names_read_first_name_first_and_braces_keep_organisations_whole():
    assert names(r"Kim, Ji-woo and {Barnes and Noble} and van Beethoven, Jr, Ludwig and others") == (
        "Ji-woo Kim", "Barnes and Noble", "Ludwig van Beethoven, Jr")


def test_a_bibtex_error_names_its_line_and_column():
    with pytest.raises(BibError) as caught:
        read_bibtex("@misc{a,\n  title = undefined_macro}\n")
    assert (caught.value.line, caught.value.column) == (2, 11)
    assert "`undefined_macro` is not a number nor a @string defined above" in caught.value.message
