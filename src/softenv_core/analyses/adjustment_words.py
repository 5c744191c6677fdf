"""The annual adjustment's reasons (analyses.adjustment, unreached_runs, filing_days), in Chinese
as the results hold them and in English as an English document says them (engine.phrases):
one template for each, so the two cannot drift apart."""

from __future__ import annotations

from softenv_core.analyses.removal_words import RECORDED
from softenv_core.engine.phrases import MONTH, Phrase

RATED = Phrase(
    "{year}年度考评{total}分，{band}{named}", "rated {total} in {year}: {band}{named}", shapes=(("named", "(?:；.*)?"),)
)
NOT_FILED = Phrase("未报{office}备案", "not filed with {office}", verbatim=("office",))
FILED_LATE = Phrase(
    "未于生效前备案：备案日期{on}，生效日期{effective}",
    "not filed before it took effect: filed {on}, effective {effective}",
)
FILED_IN_TIME = Phrase("已于生效前备案", "filed before it took effect")
IN_WINDOW = Phrase(
    "在年度调整期（{start}至{end}）内生效", "effective within the annual adjustment period ({start} to {end})"
)
OUT_OF_WINDOW = Phrase(
    "{effective}生效，不在年度调整期（{start}至{end}）内",
    "effective {effective}, outside the annual adjustment period ({start} to {end})",
)
UNREACHED_RUN = Phrase(
    "连续{n}个月未联系上：{first}—{last}{none}{named}",
    "not reached {n} months running: {first} to {last}{none}{named}",
    shapes=(("first", MONTH), ("last", MONTH), ("none", "(?:（.*?）)?"), ("named", "(?:；.*)?")),
)
NO_CONTACT_RECORD = Phrase("无联系记录：{months}", "no contact record: {months}")

# A department's name and its suggestion's text are a record's words, shown as written (x75 02,
# r66 03); the name is read up to the last day before 建议： (a name holding one, x75 03), the
# text up to the removals already recorded that the library names after it (``named``).
SUGGESTED = Phrase(
    "{department}{on}建议：{text}{named}",
    "{department} suggested on {on}: {text}{named}",
    shapes=(("department", ".*"), ("named", f"(?:；{RECORDED.pattern()})*")),
    verbatim=("department", "text"),
    optional=("named",),
)
SUGGESTED_ADD = Phrase(
    "{department}建议增设：{text}", "{department} suggests adding: {text}", verbatim=("department", "text")
)

__all__ = [
    "FILED_IN_TIME",
    "FILED_LATE",
    "IN_WINDOW",
    "NOT_FILED",
    "NO_CONTACT_RECORD",
    "OUT_OF_WINDOW",
    "RATED",
    "SUGGESTED",
    "SUGGESTED_ADD",
    "UNREACHED_RUN",
]
