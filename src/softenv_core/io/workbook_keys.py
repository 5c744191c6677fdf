"""What identifies a workbook record across workbooks (记录的编号), for the merge of an import:
split from io.workbook_schema, which holds the layout."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from softenv_core.io.workbook_schema import Sheet


def record_key(sheet: Sheet, raw: dict[str, Any]) -> Any:
    """What identifies a record across workbooks: its id (a county's code; a rating's round,
    rater and department; the one city)."""
    if sheet.collection == "city":
        return "city"
    if sheet.collection == "counties":
        return raw.get("code")
    if sheet.collection == "ratings":
        return (raw.get("round"), raw.get("rater"), raw.get("department"))
    return raw.get("id")


def record_keys(sheet: Sheet, raws: Iterable[dict[str, Any]]) -> list[Any]:
    """:func:`record_key` of each of ``raws``, without a call per record (a province's
    workbook has 680,000 records, 600,000 of them ratings)."""
    if sheet.collection == "ratings":
        return [(raw.get("round"), raw.get("rater"), raw.get("department")) for raw in raws]
    if sheet.collection in ("city", "counties"):
        return [record_key(sheet, raw) for raw in raws]
    return [raw.get("id") for raw in raws]


__all__ = ["record_key", "record_keys"]
