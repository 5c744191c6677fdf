"""A monthly report's total of matters (反映事项) as a reader outside the city office sees it.

The summary summed the category rows left after small-cell suppression: a county whose rows
were all hidden read "反映事项: 0项" above the matters it had raised, and section 四's table was
printed with its header alone (the clerk's finding 01). The total is now the trend's decision,
the same figure in section 一, the trend line and the table's 合计 row, suppressed (``—`` in
the table, ``（已隐去）`` in a sentence) rather than under-counted; the report's breakdowns
hide at least what the trend hides, so that the total shown beside them gives no hidden cell
back (docs/privacy.md, *Monthly reports*).
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from softenv_core.analyses import monitoring_report as report_module
from softenv_core.analyses.redaction_report import redact_report
from softenv_core.engine.parameters import ParameterSet
from softenv_core.model.dataset import Dataset
from softenv_core.model.periods import Month
from softenv_core.render.docx_report import write_report_docx
from softenv_core.render.monitoring_report import render_markdown
from softenv_core.render.report_format import items_total
from softenv_core.testing.strategies import datasets

from .weights import HEAVY

YEAR = 2025


def _both(ds: Dataset, month: Month, audience: str, monkeypatch: pytest.MonkeyPatch) -> tuple[Any, Any]:
    """The report for ``audience`` before its redaction (its rows filtered) and after."""
    seen: list[tuple[Any, ParameterSet]] = []

    def keep(result: Any, dataset: Dataset, aud: Any, params: ParameterSet, floor: Any = None) -> Any:
        # ``floor``: None at the default instant, as here (the floor of a report as of a later one, x67 03).
        seen.append((result, params))
        return result

    with monkeypatch.context() as m:
        m.setattr(report_module, "redact_report", keep)
        report_module.monitoring_report(ds, month, audience=audience)
    whole, params = seen[0]
    return whole, redact_report(whole, ds, audience, params)


def _summary_total(md: str) -> str:
    """Section 一's total as a table cell would show it: "—" for "（已隐去）"."""
    found = re.search(r"^- 反映事项：(?:(\d+)项|（已隐去）)。$", md, re.M)
    assert found is not None
    return found.group(1) or "—"


def _check(whole: Any, shown: Any) -> None:
    truth = sum(whole.items_by_category.values())
    md = render_markdown(shown)
    said = _summary_total(md)
    table = re.search(r"^\| 合计 \| (.*) \|$", md, re.M)
    assert table is not None and table.group(1) == said  # one figure in section 一 and 四
    assert said in (str(truth), "—")  # the truth, or suppressed: never an under-count
    if truth:
        assert said != "0"
    line = "本月反映问题（已隐去）" if said == "—" else f"本月反映问题 {said} 项"
    assert line in md or "无数据" in md  # the trend line says the same
    if items_total(shown) is None:
        return
    # A total shown beside a breakdown must not give back a hidden cell: never one hidden
    # non-zero row alone (secondary suppression holds with the total in view).
    for name in ("items_by_category", "items_by_county"):
        parts, left = getattr(whole, name), getattr(shown, name)
        hidden = [k for k, n in parts.items() if n and k not in left]
        assert len(hidden) != 1, (name, parts, left)


@HEAVY  # a generated dataset reported on per example: tests/weights.py
@given(ds=datasets(year=YEAR, max_counties=2, max_points=3, months_covered=4), month=st.integers(2, 4))
def test_the_total_of_matters_is_the_truth_or_suppressed_never_the_rows_left(ds: Dataset, month: int) -> None:
    with pytest.MonkeyPatch.context() as monkeypatch:
        audiences = [f"county:{c.code}" for c in ds.counties] + ["public"]
        for audience in audiences:
            _check(*_both(ds, Month(YEAR, month), audience, monkeypatch))


def test_a_county_whose_rows_are_all_small_reads_suppressed_not_zero(monkeypatch: pytest.MonkeyPatch, tmp_path):
    from softenv_core.testing.builders import small_dataset

    ds = small_dataset(YEAR)
    county = ds.counties[0].code
    # Two matters this month, each in a small category: every category row is hidden.
    month = Month(YEAR, 3)
    contacts = [c for c in ds.contacts if c.date.month != 3 or c.point.startswith(f"P-{county}-")]
    ds = _with_contacts(ds, contacts)
    whole, shown = _both(ds, month, f"county:{county}", monkeypatch)
    assert 0 < sum(whole.items_by_category.values()) < 3
    assert shown.items_by_category == {}
    md = render_markdown(shown)
    assert _summary_total(md) == "—"
    assert "| 已隐去的类别 | — |" in md
    _check(whole, shown)
    path = tmp_path / "r.docx"
    write_report_docx(shown, path)
    import docx

    text = "\n".join(p.text for p in docx.Document(str(path)).paragraphs)
    assert "监测点反映事项（已隐去）。" in text and "反映事项0项" not in text


def _with_contacts(ds: Dataset, contacts: list[Any]) -> Dataset:
    import attrs

    return attrs.evolve(ds, contacts=tuple(contacts))
