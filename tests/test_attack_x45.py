"""Attacker x45: what a county learns, from its own outputs, of ids it does not own: whether an id
is a point of another county or no point at all (DESIGN principle 7; docs/privacy.md).

01. A county that nominated another county's point read ``[监测点] 不属于379921``; one that
nominated an id of no point read ``Z1 在2025年未在册`` (the city's reason, the id unmasked as the
screen knows no such id). The two worlds now read the same to the county, whatever the faces; the
city office still tells them apart.

02. A county's nomination of another county's point refused the city's year end when the point's
own county had nominated it too: only one county's nominating a point twice is refused now.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import attrs
import pytest

from softenv_core import CITY_OFFICE, assess
from softenv_core.analyses import redaction_parts as parts
from softenv_core.analyses.commendation import CommendationResult, _check_commendation
from softenv_core.analyses.redaction import part_redactor, redact_year_end
from softenv_core.analyses.year_end import YearEnd, year_end
from softenv_core.engine.parameters import baseline_parameters
from softenv_core.io.converter import to_json
from softenv_core.model.dataset import Dataset
from softenv_core.model.roster import Nomination
from softenv_core.render.year_end import render_yearend
from softenv_core.testing.builders import make_point, small_dataset

NOMINATOR = "379921"
READER = f"county:{NOMINATOR}"
NOMINATION = Nomination("N-1", 2025, NOMINATOR, "Z1")


def _elsewhere(since: date, until: date | None = None) -> Dataset:
    """Z1 a point of 379902 (designated ``since``, until ``until``), nominated by 379921."""
    ds = small_dataset(2025)
    z1 = make_point("Z1", "379902", 300, designated_from=since, designated_until=until)
    return attrs.evolve(ds, points=(*ds.points, z1), nominations=(NOMINATION,))


def _nowhere(elsewhere: Dataset) -> Dataset:
    """The same city with Z1 no point at all: its record is Z2's, so that every county's count of
    points is the same, and 379921 nominates Z1 still (validation refuses it; a dataset built in
    Python and redacted part by part is the only way such a nominee reaches a reader)."""
    points = tuple(attrs.evolve(p, id="Z2") if p.id == "Z1" else p for p in elsewhere.points)
    return attrs.evolve(elsewhere, points=points)


def _city_commendation(dataset: Dataset) -> CommendationResult:
    """The city office's check of ``dataset``'s nominations. The assessment is that of the
    dataset without the nomination (the points are the same; an id of no point is refused by
    ``assess``, which validates)."""
    plain = attrs.evolve(dataset, nominations=())
    a = assess(plain, 2025, audience=CITY_OFFICE)
    return _check_commendation(dataset, a, baseline_parameters(), None)


def _county_part(dataset: Dataset) -> CommendationResult:
    r = part_redactor(dataset, READER, baseline_parameters(), date(2025, 12, 31))
    assert r is not None
    return parts.commendation(_city_commendation(dataset), r)  # the view check_commendation gives


def _year_end(dataset: Dataset) -> YearEnd:
    """The city's year end of ``dataset`` whose commendation part is the city's check of it."""
    plain = year_end(attrs.evolve(dataset, nominations=()), 2025, audience=CITY_OFFICE)
    return attrs.evolve(plain, commendation=_city_commendation(dataset))


def _nominee(result: CommendationResult) -> Any:
    (check,) = next(n for n in result.counties if n.county == NOMINATOR).nominees
    return check


def _section(md: str, head: str) -> str:
    start = md.index(head)
    return md[start : md.index("\n## ", start + 1)]


WORLDS = {
    "assessed": lambda: _elsewhere(date(2024, 1, 1)),
    "designated-late": lambda: _elsewhere(date(2025, 12, 31)),
    "removed-before": lambda: _elsewhere(date(2020, 1, 1), date(2023, 6, 30)),
}


@pytest.mark.parametrize("world", sorted(WORLDS))
def test_01_the_city_office_tells_an_id_of_another_countys_point_from_an_id_of_no_point(world: str) -> None:
    there = _nominee(_city_commendation(WORLDS[world]()))
    nowhere = _nominee(_city_commendation(_nowhere(WORLDS[world]())))
    assert there.reason.startswith(f"Z1 不属于{NOMINATOR}")
    assert nowhere.reason == "Z1 在2025年未在册"


@pytest.mark.parametrize("world", sorted(WORLDS))
def test_01_a_county_reads_its_nominee_of_another_countys_point_as_one_of_no_point(world: str) -> None:
    there, nowhere = _county_part(WORLDS[world]()), _county_part(_nowhere(WORLDS[world]()))
    assert _nominee(there).reason == f"[监测点] 不属于{NOMINATOR}"
    assert to_json(there) == to_json(nowhere)


@pytest.mark.parametrize("world", sorted(WORLDS))
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_01_the_county_reads_the_same_year_end_in_both_worlds(world: str, lang: str) -> None:
    params = baseline_parameters()
    there, nowhere = (
        redact_year_end(_year_end(d), d, READER, params) for d in (WORLDS[world](), _nowhere(WORLDS[world]()))
    )
    assert to_json(there) == to_json(nowhere)  # the commendation, its notices (the mask counted) and all
    assert render_yearend(there, lang) == render_yearend(nowhere, lang)
    section = _section(render_yearend(nowhere, lang), "## 五、" if lang == "zh" else "## 5. ")
    assert "Z1" in section and "未在册" not in section and "不属于" in section
    # The city office's year end still tells the two apart.
    city = (redact_year_end(_year_end(d), d, CITY_OFFICE, params) for d in (WORLDS[world](), _nowhere(WORLDS[world]())))
    assert len({render_yearend(v, lang) for v in city}) == 2


# 02. A county's nomination of another county's point that the point's own county had nominated
# too refused the city's whole year end (``P379902-003 is nominated again … already by
# N-2025-379902-1``): whether the city could make it, and the error it relayed, told the county
# which of another county's points were nominated, which its year end withholds (x44, held). Only
# one county's nominating a point twice is refused now.


def _demo_nominating(theirs: str) -> Dataset:
    """The demo, 379902's first nomination naming ``theirs``, and 379921 nominating P379902-003."""
    from .demo_city import demo

    ds = demo()
    noms = tuple(attrs.evolve(n, point=theirs) if n.id == "N-2025-379902-1" else n for n in ds.nominations)
    return attrs.evolve(ds, nominations=(*noms, Nomination("N-X45", 2025, NOMINATOR, "P379902-003")))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_02_a_county_cannot_tell_whether_another_county_nominated_the_point_it_nominated(lang: str) -> None:
    both, other = _demo_nominating("P379902-003"), _demo_nominating("P379902-005")
    views = [year_end(d, 2025, audience=READER) for d in (both, other)]
    assert to_json(views[0]) == to_json(views[1])
    assert render_yearend(views[0], lang) == render_yearend(views[1], lang)
    city = year_end(both, 2025, audience=CITY_OFFICE).commendation
    checks = {c.nomination: c for n in city.counties for c in n.nominees}
    assert checks["N-X45"].reason == f"P379902-003 不属于{NOMINATOR}" and not checks["N-X45"].accepted
    assert checks["N-2025-379902-1"].point == "P379902-003"  # the point's own nomination is checked


def test_02_one_county_nominating_a_point_twice_is_still_refused() -> None:
    from softenv_core.errors import InputError

    ds = _demo_nominating("P379902-003")
    again = Nomination("N-X45-2", 2025, NOMINATOR, "P379902-003")
    # Refused when the dataset is checked, at the repeat (clerk c60 01), no longer by the year end's analysis.
    with pytest.raises(
        InputError,
        match=r"N-X45-2\)\.point: P379902-003 is nominated again by county \d+ for 2025 "
        r"\(already by \$\.nominations\[\d+\] \(N-X45\)\)",
    ):
        year_end(attrs.evolve(ds, nominations=(*ds.nominations, again)), 2025, audience=CITY_OFFICE)


def _cells(path: Any) -> list[tuple[str, list[tuple[Any, ...]]]]:
    import openpyxl

    book = openpyxl.load_workbook(path)
    return [(ws.title, [tuple(row) for row in ws.iter_rows(values_only=True)]) for ws in book.worksheets]


@pytest.mark.parametrize("world", sorted(WORLDS))
def test_01_the_countys_workbook_reads_the_same_in_both_worlds(world: str, tmp_path: Any) -> None:
    from softenv_core.render.xlsx_results import write_results_xlsx

    params, books = baseline_parameters(), []
    for i, d in enumerate((WORLDS[world](), _nowhere(WORLDS[world]()))):
        view = redact_year_end(_year_end(d), d, READER, params)
        assessment = assess(attrs.evolve(d, nominations=()), 2025, audience=READER)
        write_results_xlsx(assessment, view, tmp_path / f"{i}.xlsx")
        books.append(_cells(tmp_path / f"{i}.xlsx"))
    assert books[0] == books[1]
    assert any("不属于" in str(cell) for _, rows in books[0] for row in rows for cell in row)


@pytest.mark.parametrize("world", sorted(WORLDS))
def test_01_softenv_yearend_gives_the_county_the_nominee_as_not_its_own(world: str, tmp_path: Any, capsys: Any) -> None:
    """The command (the city office's, handing a county its view): the nominee of another county's
    point reads only 不属于; an id of no point is refused on load, whatever the audience, by the
    same words (the dataset is the city office's to correct)."""
    from softenv_core.cli.main import main
    from softenv_core.io.dataset_files import dataset_json

    there, nowhere = tmp_path / "there.json", tmp_path / "nowhere.json"
    there.write_text(dataset_json(WORLDS[world]()), encoding="utf-8")
    nowhere.write_text(dataset_json(_nowhere(WORLDS[world]())), encoding="utf-8")
    assert main(["yearend", str(there), "--year", "2025", "--audience", READER]) == 0
    section = _section(capsys.readouterr().out, "## 五、")
    assert f"Z1：\\[监测点\\] 不属于{NOMINATOR}" in section and "未在册" not in section and "在册 " not in section
    said = []
    for audience in (READER, "city"):
        assert main(["yearend", str(nowhere), "--year", "2025", "--audience", audience]) == 1
        said.append(capsys.readouterr().err)
    assert said[0] == said[1] and "Z1" in said[0]


def test_01_the_service_gives_the_county_the_nominee_as_not_its_own() -> None:
    """``POST /v1/yearend`` (keyless: the audience named) reads as the library's view; an id of no
    point is the same 422 problem for the county's audience as for the city office's."""
    import warnings

    with warnings.catch_warnings():  # Starlette's test client warns about httpx on import
        warnings.simplefilter("ignore")
        from starlette.testclient import TestClient

    from softenv_core.io.dataset_files import dataset_json
    from softenv_core.service.app import create_app

    there = dataset_json(WORLDS["designated-late"]()).encode()
    nowhere = dataset_json(_nowhere(WORLDS["designated-late"]())).encode()
    with TestClient(create_app()) as client:
        shown = client.post(f"/v1/yearend?year=2025&audience={READER}&format=json", content=there)
        assert shown.status_code == 200
        (check,) = next(c for c in shown.json()["commendation"]["counties"] if c["county"] == NOMINATOR)["nominees"]
        assert (check["reason"], check["failing"]) == (f"[监测点] 不属于{NOMINATOR}", [])
        refused = [
            client.post(f"/v1/yearend?year=2025&audience={a}&format=json", content=nowhere) for a in (READER, "city")
        ]
        assert [r.status_code for r in refused] == [422, 422]
        assert refused[0].json() == refused[1].json()
