"""Outside the city office a year is assessed only as of its assessment instant or later.

Split from analyses.redaction (which applies it to every assessment it redacts): the city's
decision of docs/privacy.md, *Assessments before the year's instant*.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from softenv_core.analyses.audiences import Audience, AudienceKind
from softenv_core.analyses.county_months import default_as_of
from softenv_core.engine.ruletypes import MonthState
from softenv_core.errors import FieldInvalid, SoftenvError
from softenv_core.model.divisions import DEFAULT_OFFICE
from softenv_core.model.periods import BEIJING


def assessment_instant(assessment: Any) -> datetime | None:
    """The year's assessment instant (考核时点) as a complete Assessment shows it: the moment
    after its counties' last report deadline (the start of the next year without one), as
    ``assess`` takes by default; None when a month was still pending at the result's as_of
    (its deadline was not worked out, so the instant is later still)."""
    months = [m for c in assessment.counties for m in c.months]
    if any(m.status is MonthState.PENDING for m in months):
        return None
    return default_as_of((m.deadline for m in months if m.deadline is not None), assessment.year)


def require_year_instant(assessment: Any, aud: Audience, office: str = DEFAULT_OFFICE) -> None:
    """A FieldInvalid naming ``as_of`` when ``assessment`` speaks for an instant before its year's assessment
    instant and ``aud`` is not the city office (the city's decision, docs/privacy.md).
    ``office``: the city office as the dataset names it (``City.office``), in the message.

    Views of one year as of successive instants differ exactly when a record joins them: a
    point's feedback points rising in a month without contact items dated its direct complaint
    to 市软建办, a supervision deduction appearing dated a complaint found false. Each view
    alone hides this; no redaction of one view can stop the difference of two. So outside the
    city office a year is assessed only once all its records are in (finding 01)."""
    as_of = assessment.as_of
    if aud.kind is AudienceKind.CITY or as_of is None:
        return
    instant = assessment_instant(assessment)
    if instant is None or as_of < instant:
        when = f"the year's assessment instant {instant.isoformat()}" if instant else "the year's last report deadline"
        when_zh = f"考核时点 {_shown(instant)}" if instant else "全年最后一个报送期限"
        raise _too_early(
            as_of,
            f"audience {aud} is given an assessment of {assessment.year} only as of "
            f"{when} or later (the default): views as of earlier instants, set side by side, would date "
            f"direct complaints to {office} (docs/privacy.md, 'Assessments before the year's instant')",
            _too_early_zh(as_of, aud, f"{assessment.year} 年度考核", when_zh, office),  # the CLI's words (t5 07)
        )


def require_month_instant(
    month: Any, default: datetime, as_of: datetime | None, aud: Audience, office: str = DEFAULT_OFFICE
) -> None:
    """A FieldInvalid naming ``as_of`` when a monthly report on ``month`` is asked as of an instant before its
    default (``default``: the moment after the month's last deadline) and ``aud`` is not the
    city office: the year's rule above, for a month. A county asking for its own month at
    successive instants inside it saw its complaint count step at each receipt (attacker 01)."""
    if aud.kind is AudienceKind.CITY or as_of is None or as_of >= default:
        return
    raise _too_early(
        as_of,
        f"audience {aud} is given the report on {month} only as of "
        f"{default.isoformat()} (after the month's last report deadline, the default) or later: views as of "
        f"earlier instants, set side by side, would date direct complaints to {office} "
        "(docs/privacy.md, 'Assessments before the year's instant')",
        _too_early_zh(as_of, aud, f"{month} 监测报告", f"{_shown(default)}（该月最后一个报送期限之后）", office),
    )


def _too_early(as_of: datetime, why: str, zh: str) -> FieldInvalid:
    """The refusal of an ``as_of`` before the audience's instant: a FieldInvalid naming ``as_of``,
    as every other wrong argument of an analysis is (a naive one is too; a plain SoftenvError
    until integrator i41), its text unchanged (``as_of 2025-03-01T00:00:00+08:00: audience …``)."""
    return FieldInvalid.worded("as_of", f"{as_of.isoformat()}: {why}", zh)


def _shown(moment: datetime) -> str:
    """An instant as the Chinese messages write it: Beijing time, to the minute."""
    return moment.astimezone(BEIJING).strftime("%Y-%m-%d %H:%M")


def _too_early_zh(as_of: datetime, aud: Audience, what: str, when: str, office: str) -> str:
    """The message in Chinese, naming the city office as the dataset does (review c42)."""
    return (
        f"--as-of {_shown(as_of)} 太早：阅读范围 {aud.zh} 的 {what}只能按{when}或更晚的时刻编制（不写 --as-of 即是）；"
        f"不同时刻的结果对照起来，会推算出企业向{office}直接反映的时间（见 docs/privacy.md）"
    )


def require_whole_assessment(assessment: Any, function: str) -> None:
    """SoftenvError unless ``assessment`` is the city office's: what ``function`` works out
    from it (the year end, commendation checks, removal proposals) reads every point, band
    and condition, which an assessment redacted for another reader has hidden or dropped, so
    it would come out quietly wrong (nominees "not on the roster", proposals missing)."""
    if assessment.audience != "city":
        raise SoftenvError(
            f"{function}: assessment is for audience {assessment.audience!r}; give the city office's "
            "(assess(..., audience=CITY_OFFICE)): the result is redacted for its own audience"
        )


def require_same_instant(
    assessment: Any, as_of: datetime | None, function: str, advice: str = "give assess(..., as_of=as_of)'s"
) -> None:
    """SoftenvError when ``as_of`` is given and ``assessment`` speaks for another instant (equal
    instants, whatever their offsets): its bands and conditions read the records known then, so
    what ``function`` works out from them would read others. ``advice``: the way out it names."""
    if as_of is not None and assessment.as_of != as_of:
        said = "no instant" if assessment.as_of is None else assessment.as_of.isoformat()
        raise SoftenvError(f"{function}: the assessment speaks for {said}, not as_of {as_of.isoformat()}; {advice}")


__all__ = [
    "assessment_instant",
    "require_month_instant",
    "require_same_instant",
    "require_whole_assessment",
    "require_year_instant",
]
