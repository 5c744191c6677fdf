"""Integrator i48: a host's decimal context reached ``from_json`` and the results workbook (a
false InputError, a result read back unequal, cells rounded, a bare ``decimal.Rounded``); the
public writers given a path they cannot write raised a bare OSError and left openpyxl's sheets
to print "Exception ignored" tracebacks; an empty ``audience=`` from a key allowed several
audiences was not told them (docs/integration.md, "Decimal settings", "Word and Excel from
Python", "Keys")."""

from __future__ import annotations

import decimal
import errno
import gc
import io
import sys
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import openpyxl
import pytest

import softenv_core as se
from softenv_core.io import workbook_write
from softenv_core.service.app import create_app
from softenv_core.service.config import ServiceConfig
from softenv_core.service.keys import add_key

with warnings.catch_warnings():  # Starlette 1 prefers httpx2 for its test client; httpx works
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "small-dataset.json"
DS = se.loads_dataset(EXAMPLE.read_text(encoding="utf-8"))
MONTH = se.Month(2025, 3)

#: Contexts a host system may have set: low precision, other rounding, Rounded or Inexact trapped.
CONTEXTS = {
    "prec 2": decimal.Context(prec=2),
    "prec 3, Rounded trapped": decimal.Context(prec=3, traps=[decimal.Rounded]),
    "prec 4": decimal.Context(prec=4),
    "prec 4, round down, Inexact trapped": decimal.Context(
        prec=4, rounding=decimal.ROUND_DOWN, traps=[decimal.Inexact, decimal.InvalidOperation]
    ),
}


def _under(ctx: decimal.Context, call: Callable[[], Any]) -> Any:
    with decimal.localcontext(ctx):
        got = call()
        assert decimal.getcontext().prec == ctx.prec  # the caller's again when it returns
    return got


# --- 1. from_json of every result type, and the results workbook, under the caller's context --


def _results() -> dict[str, tuple[Any, Any]]:
    """Each result type, with the class ``from_json`` reads it as."""
    a = se.assess(DS, 2025, audience="city")
    pm = se.get_plugin_manager()
    cal, params = se.WorkCalendar(), se.baseline_parameters()
    at = a.as_of
    statuses = [(c, se.complaint_status(c, at, se.sla_for(pm, DS, c, cal, params), cal)) for c in DS.complaints]
    return {
        "Assessment": (a, se.Assessment),
        "Assessment, county": (se.assess(DS, 2025, audience="county:379902"), se.Assessment),
        "MonitoringReport": (se.monitoring_report(DS, MONTH, audience="city"), se.MonitoringReport),
        "YearEnd": (se.year_end(DS, 2025, audience="city"), se.YearEnd),
        "RoundResult": (se.appraise(DS, DS.appraisal_rounds[0], audience="city"), se.RoundResult),
        "Representativeness": (
            se.representativeness(DS, se.Month(2025, 6).end.date(), audience="city"),
            se.Representativeness,
        ),
        "UnitRates": (se.unit_rates(statuses, 2025), tuple[se.UnitRates, ...]),
    }


RESULTS = _results()


@pytest.mark.parametrize("context", CONTEXTS)
@pytest.mark.parametrize("kind", RESULTS)
def test_every_result_reads_back_equal_whatever_the_callers_decimal_context(kind: str, context: str) -> None:
    result, cls = RESULTS[kind]
    text = se.to_json(result)
    # Before: Assessment under prec 4 was an InputError (points 100 cannot be rounded to cents
    # under the current decimal context, one per month row); under prec 3 with Rounded trapped
    # it read back unequal, silently.
    back = _under(CONTEXTS[context], lambda: se.from_json(text, cls))
    assert back == result and se.to_json(back) == text
    own = getattr(cls, "from_json", None)  # each class's own reader: the same path
    if own is not None:
        assert _under(CONTEXTS[context], lambda: own(text)) == result


def _cells(path: Path) -> dict[tuple[str, str], Any]:
    book = openpyxl.load_workbook(path)
    return {(ws.title, c.coordinate): c.value for ws in book.worksheets for row in ws.iter_rows() for c in row}


@pytest.fixture(scope="module")
def default_cells(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Any]:
    path = tmp_path_factory.mktemp("book") / "k.xlsx"
    se.write_results_workbook(DS, 2025, path, audience="city")
    return _cells(path)


@pytest.mark.parametrize("context", CONTEXTS)
def test_the_results_workbook_has_the_same_cells_whatever_the_callers_context(
    default_cells: dict[tuple[str, str], Any], tmp_path: Path, context: str
) -> None:
    path = tmp_path / "k.xlsx"
    # Before: prec 3 cut 承办单位's rates a digit (0.8333 -> 0.833), prec 2 rounded 监测点's scores
    # (27.5 -> 28), and Rounded trapped raised decimal.Rounded, outside the error tree.
    _under(CONTEXTS[context], lambda: se.write_results_workbook(DS, 2025, path, audience="city"))
    got = _cells(path)
    assert [k for k in default_cells if got.get(k) != default_cells[k]] == []
    assert got.keys() == default_cells.keys()


def test_the_word_report_is_the_same_file_whatever_the_callers_context(tmp_path: Path) -> None:
    report = se.monitoring_report(DS, MONTH, audience="city")
    se.write_report_docx(report, tmp_path / "plain.docx")
    for name, ctx in CONTEXTS.items():
        _under(ctx, lambda: se.write_report_docx(report, tmp_path / "hostile.docx"))
        assert (tmp_path / "hostile.docx").read_bytes() == (tmp_path / "plain.docx").read_bytes(), name


def test_the_word_year_end_is_the_same_file_whatever_the_callers_context(tmp_path: Path) -> None:
    y = se.year_end(DS, 2025, audience="city")
    se.write_yearend_docx(y, tmp_path / "plain.docx")
    for name, ctx in CONTEXTS.items():
        _under(ctx, lambda: se.write_yearend_docx(y, tmp_path / "hostile.docx", issued=None))
        assert (tmp_path / "hostile.docx").read_bytes() == (tmp_path / "plain.docx").read_bytes(), name


# --- 2. a path the writers cannot write: the library's error, nothing on stderr --------------

REPORT = se.monitoring_report(DS, MONTH, audience="city")
YEAR_END = se.year_end(DS, 2025, audience="city")
WRITERS: dict[str, Callable[[Any], Any]] = {
    "write_results_workbook": lambda path: se.write_results_workbook(DS, 2025, path, audience="city"),
    "write_report_docx": lambda path: se.write_report_docx(REPORT, path),
    "write_yearend_docx": lambda path: se.write_yearend_docx(YEAR_END, path),
}


def _bad_paths(tmp_path: Path) -> dict[str, tuple[Any, str, str]]:
    """Each path a writer cannot write, with what its English and Chinese say."""
    (tmp_path / "a-file.txt").write_text("x", encoding="utf-8")
    folder = tmp_path / "folder"
    folder.mkdir()
    return {
        "empty": ("", "give a file name", "请给出文件名"),
        "dot": (".", "it is a directory; give a file name", "这是一个文件夹；请给出文件名"),
        "folder": (folder, "it is a directory; give a file name", "这是一个文件夹；请给出文件名"),
        "folder as str": (str(folder), "it is a directory; give a file name", "这是一个文件夹；请给出文件名"),
        "under a file": (
            tmp_path / "a-file.txt" / "k.out",
            "a part of its folder is a file (Not a directory)",
            "路径中有一段不是文件夹，而是文件",  # the command's words for the same fault
        ),
        "NUL": (str(tmp_path / "a\x00b.out"), "NUL character", "NUL 字符"),
    }


@pytest.fixture(scope="module")
def _old_heap_frozen() -> None:
    """What the worker holds before this module's writers run, collected once and frozen (as
    tests/conftest.py does with what collection built): each test's ``gc.collect()`` below then
    walks only what was allocated since, where a writer's garbage is, not the whole heap of other
    modules' caches (0.3-0.7 s a collection late in a run, for each of nineteen tests)."""
    gc.collect()
    gc.freeze()


@pytest.fixture
def unraisable(monkeypatch: pytest.MonkeyPatch, _old_heap_frozen: None) -> list[Any]:
    found: list[Any] = []
    monkeypatch.setattr(sys, "unraisablehook", found.append)
    return found


@pytest.mark.parametrize("case", ["empty", "dot", "folder", "folder as str", "under a file", "NUL"])
@pytest.mark.parametrize("writer", WRITERS)
def test_a_path_a_writer_cannot_write_is_the_librarys_error_and_stderr_stays_empty(
    tmp_path: Path, capfd: pytest.CaptureFixture[str], unraisable: list[Any], writer: str, case: str
) -> None:
    path, en, zh = _bad_paths(tmp_path)[case]
    with pytest.raises(se.SoftenvError) as refused:
        WRITERS[writer](path)
    # Before: IsADirectoryError, "OSError: [Errno 16] Device or resource busy: '.'" for "",
    # NotADirectoryError, ValueError: embedded null byte; and 24 "Exception ignored in:
    # <generator object WorksheetWriter.get_stream>" tracebacks after the workbook's.
    exc = refused.value
    assert isinstance(exc, se.FieldInvalid) and exc.name == "path"
    assert en in str(exc) and exc.zh is not None and zh in exc.zh
    del refused, exc
    gc.collect()
    assert unraisable == []
    assert capfd.readouterr().err == ""
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-file.txt", "folder"]  # nothing left behind


def test_a_workbook_whose_save_fails_closes_its_sheets_and_says_so_in_the_librarys_words(
    tmp_path: Path, capfd: pytest.CaptureFixture[str], unraisable: list[Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    # A fault only the write itself meets (a full disk), after every sheet was built.
    def full(wb: Any, path: Path, stamp: Any = None) -> None:
        raise OSError(errno.ENOSPC, "No space left on device", str(path))

    monkeypatch.setattr(workbook_write, "save_atomic", full)
    with pytest.raises(se.FieldInvalid, match="No space left") as refused:
        se.write_results_workbook(DS, 2025, tmp_path / "k.xlsx", audience="city")
    assert refused.value.zh is not None and "磁盘已满" in refused.value.zh
    del refused
    gc.collect()
    assert unraisable == []
    assert capfd.readouterr().err == ""


def test_the_command_says_a_writers_fault_as_it_did(tmp_path: Path) -> None:
    from softenv_core.cli.main import main

    (tmp_path / "f").write_text("x", encoding="utf-8")
    out = tmp_path / "f" / "k.xlsx"
    err = io.StringIO()
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(sys, "stderr", err)
        code = main([*_assess(out), "--lang", "en"])
        code_zh = main(_assess(out))
    assert code == code_zh == 1
    assert err.getvalue().splitlines() == [
        f"softenv: error: cannot write {out}: a part of its folder is a file (Not a directory)",
        f"softenv: error: 不能写入 {out}:路径中有一段不是文件夹，而是文件 (Not a directory)",
    ]


def _assess(out: Path) -> list[str]:
    return ["assess", str(EXAMPLE), "--year", "2025", "--format", "xlsx", "--out", str(out)]


# --- 3. audience= empty from a key allowed several audiences ---------------------------------


@pytest.fixture(scope="module")
def keyed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[TestClient, dict[str, dict[str, str]]]]:
    path = tmp_path_factory.mktemp("keys") / "keys.json"
    audiences = {"office": ["city", "public"], "baihe": ["county:379902"]}
    headers = {name: {"Authorization": f"Bearer {add_key(path, name, auds)}"} for name, auds in audiences.items()}
    with TestClient(create_app(ServiceConfig(keys_file=str(path)))) as c:
        yield c, headers


@pytest.mark.parametrize(
    "url",
    [
        "/v1/assess?year=2025",
        "/v1/assess?year=2025&audience=",
        "/v1/reports/2025-03?audience=",
        "/v1/yearend?year=2025&audience=",
    ],
)
def test_an_empty_audience_from_a_key_allowed_several_lists_them_as_a_missing_one(
    keyed: tuple[TestClient, dict[str, dict[str, str]]], url: str
) -> None:
    c, headers = keyed
    body = EXAMPLE.read_bytes()
    response = c.post(url, content=body, headers={**headers["office"], "Content-Type": "application/json"})
    assert response.status_code == 422, response.text
    problem = response.json()
    assert problem["type"] == "urn:softenv:problem:invalid-parameter"
    # Before, for audience=: "query.audience: expected city, public, county:CODE, ... got ''".
    assert problem["problems"] == ["query.audience: required: key 'office' may request city, public; name one"]
    assert problem["details"][0]["zh"] == "必须给出：密钥 'office' 可请求 city、public，请用 audience= 指定其一"


def test_an_empty_audience_with_another_problem_is_told_in_the_same_answer(
    keyed: tuple[TestClient, dict[str, dict[str, str]]],
) -> None:
    c, headers = keyed
    response = c.post("/v1/assess?year=20x5&audience=", content=EXAMPLE.read_bytes(), headers=headers["office"])
    problems = response.json()["problems"]
    assert response.status_code == 422 and len(problems) == 2
    assert problems[0].startswith("query.year") and problems[1].startswith("query.audience: required: key 'office'")


def test_an_empty_audience_from_a_key_allowed_one_is_still_no_audience(
    keyed: tuple[TestClient, dict[str, dict[str, str]]],
) -> None:
    c, headers = keyed  # as without keys: only a missing parameter is the key's one audience
    response = c.post("/v1/assess?year=2025&audience=", content=EXAMPLE.read_bytes(), headers=headers["baihe"])
    assert response.status_code == 422
    assert response.json()["problems"][0].startswith("query.audience: expected city, public")


# --- smaller: a None where a record belongs reads "got null" once ----------------------------


def test_a_none_where_a_record_belongs_reads_null_once() -> None:
    import attrs

    with pytest.raises(se.InputError) as refused:
        se.validate(attrs.evolve(DS, city=None))
    # Before: "$.city: expected City, got NoneType None", zh "应为 City 类型的值，而不是null None".
    assert refused.value.problems == ("$.city: expected City, got null",)
    assert refused.value.details[0].zh == "应为 City 类型的值，而不是 null"
