"""Deliberately broken county plugins that the conformance checks must catch."""

from __future__ import annotations

import random
import sys
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal

import attrs

from softenv_core import Award, Condition, ContactMethod, Failure, PluginInfo, Rule, hookimpl
from softenv_core.engine.ruletypes import ComplaintSla, Deadline
from softenv_core.model.complaints import ComplaintKind, Verdict
from softenv_core.model.followups import FollowUpKind


def _rule(rule_id: str, score) -> Rule:
    return Rule(
        id=rule_id,
        label=rule_id,
        title_zh="测试",
        title_en="test",
        reference="测试",
        score=score,
        max_points=5,
        effective_from=date(2022, 3, 1),
    )


class _Base:
    county = "379902"

    @hookimpl
    def softenv_plugin_info(self):
        return PluginInfo(county=self.county, title=type(self).__name__, reference="测试")


class MutatesItsInput(_Base):
    """Marks its own points' contacts as unreached: changes the dataset it was given."""

    @hookimpl
    def softenv_extra_point_rules(self, year, params):
        def score(ctx):
            for c in ctx.contacts:
                object.__setattr__(c, "reached", False)
            return None

        return [_rule("broken.mutate", score)]


class TouchesAnotherCounty(_Base):
    """Reaches through the dataset into other counties' contacts (and so changes their scores)."""

    @hookimpl
    def softenv_extra_point_rules(self, year, params):
        def score(ctx):
            for c in ctx.dataset.contacts:
                if ctx.dataset.point_by_id[c.point].county != self.county:
                    object.__setattr__(c, "reached", False)
            return None

        return [_rule("broken.touch", score)]


class Nondeterministic(_Base):
    """Awards a random number of points."""

    @hookimpl
    def softenv_extra_point_rules(self, year, params):
        return [_rule("broken.random", lambda ctx: Award(random.randint(0, 5), "随机"))]


class AnswersByCall(_Base):
    """Each call of its rules hook gives another rule: its award counts the calls so far. An
    assessment asks the hook once per county (engine/rule_answers.py); two assessments differ."""

    def __init__(self) -> None:
        self.calls = 0

    @hookimpl
    def softenv_extra_point_rules(self, year, params):
        self.calls += 1
        points = Decimal(self.calls % 400 + 1) / 100
        return [_rule("broken.by_call", lambda ctx: Award(points, "按调用次数"))]


class ReturnsGarbage(_Base):
    @hookimpl
    def softenv_extra_point_rules(self, year, params):
        return [_rule("broken.garbage", lambda ctx: 5)]


# --- answers that look right by type but are wrong inside: each must be a PluginError ---------


def _deadline(due_at) -> Deadline:
    return Deadline(due_at, date(2025, 2, 5), "broken.deadline", "none", "测试")


class NaiveDeadline(_Base):
    """Gives a deadline without a UTC offset: eight hours of ambiguity."""

    @hookimpl
    def softenv_report_deadline(self, county, month, calendar, params):
        return _deadline(datetime(2025, 2, 5, 23, 59, 59))


class StringDeadline(_Base):
    @hookimpl
    def softenv_report_deadline(self, county, month, calendar, params):
        return _deadline("2025-02-05T23:59:59+08:00")


def _sla(**limits) -> ComplaintSla:
    values = {"accept": 1, "sign": 1, "resolve": {"complaint": 10}, "max_extension": 5, "follow_up": 5}
    return ComplaintSla(**{**values, **limits}, reference="测试")


class NegativeSla(_Base):
    @hookimpl
    def softenv_complaint_sla(self, kind, calendar, params):
        return _sla(accept=-3)


class StringSla(_Base):
    @hookimpl
    def softenv_complaint_sla(self, kind, calendar, params):
        return _sla(sign="2")


class AbsurdSla(_Base):
    @hookimpl
    def softenv_complaint_sla(self, kind, calendar, params):
        return _sla(resolve={"complaint": 10**9})


def _award_plugin(name: str, make_award):
    class Plugin(_Base):
        @hookimpl
        def softenv_extra_point_rules(self, year, params):
            return [_rule(f"broken.{name}", make_award)]

    Plugin.__name__ = name
    return Plugin


def _tampered(field: str, value):
    """An Award whose field was changed after its checks ran (frozen attrs can be bypassed)."""

    def make(ctx):
        award = Award(1, "测试", (ctx.point.id,))
        object.__setattr__(award, field, value)
        return award

    return make


NonNumericAward = _award_plugin("NonNumericAward", _tampered("points", "5"))
OversizedAward = _award_plugin("OversizedAward", lambda ctx: Award(Decimal("1E+20"), "测试"))
EvidenceNotAList = _award_plugin("EvidenceNotAList", _tampered("evidence", "P-1"))
EvidenceNotInDataset = _award_plugin("EvidenceNotInDataset", lambda ctx: Award(1, "测试", ["no-such-record"]))
ReasonNotText = _award_plugin("ReasonNotText", lambda ctx: Award(1, {"why": "dict"}))


class ExitsInAHook(_Base):
    """Calls sys.exit in a hook: must be a PluginError, never a silent exit 0."""

    @hookimpl
    def softenv_extra_point_rules(self, year, params):
        raise SystemExit(0)


ExitsInARule = _award_plugin("ExitsInARule", lambda ctx: sys.exit(0))


class ClearsAnIndex(_Base):
    """Empties a dataset index that the engine (and other counties' rules) read.

    Through the base class: the index itself refuses ``clear()`` (a PluginError), so only a
    deliberate bypass is left for the conformance kit to catch."""

    @hookimpl
    def softenv_extra_point_rules(self, year, params):
        def score(ctx):
            dict.clear(ctx.dataset.point_by_id)
            return None

        return [_rule("broken.clear", score)]


class PoisonsTheCalendar(_Base):
    """Writes wrong answers into the calendar's memo, which every later deadline reads."""

    @hookimpl
    def softenv_extra_point_rules(self, year, params):
        def score(ctx):
            cal = ctx.calendar
            cal.next_workday(date(ctx.year, 2, 5))  # so that there is an answer to poison
            memo = cal._memo
            for key, value in list(memo.items()):
                if isinstance(value, date):
                    memo[key] = value + timedelta(days=7)
                elif isinstance(value, int):
                    memo[key] = value + 7
            return None

        return [_rule("broken.poison", score)]


# --- wrong inside, right by type: what the guide forbids (tester findings 02, 04, 05) ---------

_FAR = datetime(2026, 6, 30, tzinfo=timezone(timedelta(hours=8)))  # long after any generated year


class IgnoresAsOf(_Base):
    """A 十佳 condition reading every complaint against the county's departments, of every year,
    at a fixed instant long after the year: no ``as_of``, no ``known_at``, no year filter."""

    @hookimpl
    def softenv_topten_conditions(self, year, params):
        def check(ctx):
            own = {d.id for d in ctx.dataset.departments if d.county == self.county}
            bad = [
                c.id
                for c in ctx.dataset.complaints
                if c.department in own and ctx.complaint_status(c, _FAR).overdue_workdays > 10
            ]
            return Failure(f"超期: {', '.join(bad)}", bad) if bad else None

        return [
            Condition(
                id="broken.overdue",
                title_zh="无超期",
                title_en="no overdue",
                reference="测试",
                check=check,
                effective_from=date(2022, 3, 1),
            )
        ]


class CountsFollowUps(_Base):
    """Awards a point for the matters of its contacts resolved (已解决), read from every
    follow-up whatever its date: one resolved after ``as_of`` counts (plugin author p31)."""

    @hookimpl
    def softenv_extra_point_rules(self, year, params):
        def score(ctx):
            raised = {c.id for c in ctx.contacts}
            done = [f.id for f in ctx.dataset.followups if f.record in raised and f.kind is FollowUpKind.RESOLVED]
            return Award(1, f"事项已解决{len(done)}项", [ctx.point.id]) if done else None

        return [_rule("broken.followups", score)]


class CountsFollowUpsOfTheYear(_Base):
    """Awards a point for the matters of its contacts resolved (已解决) during the year, read
    from every follow-up of the year whatever the instant: one resolved the day after ``as_of``
    counts (plugin author p33: the check added help the next day and 已解决 only the next year,
    which a rule reading the year's follow-ups never sees)."""

    @hookimpl
    def softenv_extra_point_rules(self, year, params):
        def score(ctx):
            raised = {c.id for c in ctx.contacts}
            done = sorted(
                f.id
                for f in ctx.dataset.followups
                if f.record in raised and f.kind is FollowUpKind.RESOLVED and f.date.year == ctx.year
            )
            return Award(1, f"事项已解决{len(done)}项", done) if done else None

        return [_rule("broken.followups_of_the_year", score)]


class CountsReports(_Base):
    """A 十佳 condition counting the county's reports on the year from every report, whatever
    its submission: one sent after ``as_of`` counts."""

    @hookimpl
    def softenv_topten_conditions(self, year, params):
        def check(ctx):
            sent = sorted(str(r.month) for r in ctx.dataset.reports if r.county == self.county and r.month.year == year)
            return None if len(sent) >= 12 else Failure(f"月报{len(sent)}份: {'、'.join(sent)}", [])

        return [
            Condition(
                id="broken.reports",
                title_zh="月报齐全",
                title_en="every report",
                reference="测试",
                check=check,
                effective_from=date(2022, 3, 1),
            )
        ]


_CACHE: dict[tuple[object, ...], Award | None] = {}


class Cached(_Base):
    """Remembers each point's award by (point id, year) in a module-level dict: a later dataset
    with the same point ids gets the first one's award."""

    @hookimpl
    def softenv_extra_point_rules(self, year, params):
        def score(ctx):
            key = (ctx.point.id, ctx.year)
            if key not in _CACHE:
                ids = [c.id for c in ctx.contacts if c.reached and c.method is ContactMethod.SYMPOSIUM]
                _CACHE[key] = Award(2, f"座谈{len(ids)}次", ids) if len(ids) >= 2 else None
            return _CACHE[key]

        return [attrs.evolve(_rule("broken.cached", score), reads_direct_feedback=False)]


class Leaky(_Base):
    """Declares ``reads_direct_feedback=False`` yet writes the months of a point's complaints to
    市软建办 into its reason: the county would read them."""

    @hookimpl
    def softenv_extra_point_rules(self, year, params):
        def score(ctx):
            months = sorted({c.received_at.month for c in ctx.complaints if c.received_at})
            if not months:
                return None
            return Award(1, f"{'、'.join(str(m) for m in months)}月向市软建办直接反馈", [ctx.point.id])

        return [attrs.evolve(_rule("broken.leaky", score), reads_direct_feedback=False)]


class CountsAdopted(_Base):
    """Declares ``reads_direct_feedback=False`` yet counts a point's adopted suggestions (意见建议
    found 属实: the guide's §4 rule, declared wrongly) and cites no complaint (finding t7 05)."""

    @hookimpl
    def softenv_extra_point_rules(self, year, params):
        def score(ctx):
            n = sum(
                1 for c in ctx.complaints if c.kind is ComplaintKind.SUGGESTION and c.verdict is Verdict.SUBSTANTIATED
            )
            return Award(min(5, n), f"意见建议被采纳{n}件") if n else None

        return [attrs.evolve(_rule("broken.adopted", score), reads_direct_feedback=False)]


class CountsLastYear(_Base):
    """Declares ``reads_direct_feedback=False`` yet counts the point's complaints received the
    year before, from ``ctx.dataset`` (finding t7 05)."""

    @hookimpl
    def softenv_extra_point_rules(self, year, params):
        def score(ctx):
            n = sum(
                1
                for c in ctx.dataset.complaints
                if c.point == ctx.point.id and c.received_at and c.received_at.year == ctx.year - 1
            )
            return Award(-min(5, n), f"上年越级直接反馈{n}次, 扣分") if n else None

        return [attrs.evolve(_rule("broken.last_year", score), reads_direct_feedback=False)]


class CachedCount(_Base):
    """Remembers each point's count of reached contacts by (point id, year), citing no record:
    a later dataset with the same point ids and other contacts gets the first one's count
    (finding t7 07: the guide's own warning, once unseen by ``no_state``)."""

    @hookimpl
    def softenv_extra_point_rules(self, year, params):
        def score(ctx):
            key = ("count", ctx.point.id, ctx.year)
            if key not in _CACHE:
                # the year's contacts from the dataset (not cut at as_of: an earlier question as of
                # an instant inside the year gives the same count, so only other records show it)
                n = sum(
                    1 for c in ctx.dataset.contacts if c.point == ctx.point.id and c.date.year == ctx.year and c.reached
                )
                _CACHE[key] = Award(min(n, 5), f"联系{n}次") if n else None
            return _CACHE[key]

        return [attrs.evolve(_rule("broken.cached_count", score), reads_direct_feedback=False)]


class SetOrdered(_Base):
    """Builds its evidence and reason from sets made lists: the same within one process, another
    order under another string-hash seed (finding t7 01)."""

    @hookimpl
    def softenv_extra_point_rules(self, year, params):
        def score(ctx):
            ids = list({c.id for c in ctx.contacts if c.reached})
            months = "、".join(list({str(c.date.month) for c in ctx.contacts}))
            return Award(1, f"联系月份: {months}", ids) if ids else None

        return [attrs.evolve(_rule("broken.set_order", score), reads_direct_feedback=False)]


class SetOfLabels(_Base):
    """Names in its reason the kinds of items its points raised, joined over a set of labels:
    its evidence is sorted, and small_dataset's items are of one category, so the check under
    another hash seed passed it there; an enum member hashes by its name, a string."""

    @hookimpl
    def softenv_extra_point_rules(self, year, params):
        def score(ctx):
            with_items = [c for c in ctx.contacts if c.reached and c.items]
            kinds = "、".join({i.category.zh for c in with_items for i in c.items})
            how = "、".join({c.method.zh for c in with_items})
            return Award(1, f"反映{kinds} ({how})", sorted(c.id for c in with_items)) if with_items else None

        return [attrs.evolve(_rule("broken.set_of_labels", score), reads_direct_feedback=False)]


class ReadsTheClock(_Base):
    """Counts a point's seniority (监测年限) up to the day of the run, ``date.today()``, not up to
    the instant asked: a past year's award grows with the day it is computed (review p22)."""

    @hookimpl
    def softenv_extra_point_rules(self, year, params):
        def score(ctx):
            years = (date.today() - ctx.point.designated_from).days // 365
            return Award(min(years, 5), f"监测{years}年", [ctx.point.id]) if years > 0 else None

        return [attrs.evolve(_rule("broken.clock", score), reads_direct_feedback=False)]


class ReadsTheClockAtImport(_Base):
    """Counts seniority up to the year the module was imported in, ``_IMPORTED``: the same all
    day long, another year after New Year."""

    @hookimpl
    def softenv_extra_point_rules(self, year, params):
        def score(ctx):
            years = _IMPORTED.year - ctx.point.designated_from.year
            return Award(min(years, 5), f"监测{years}年", [ctx.point.id]) if years > 0 else None

        return [attrs.evolve(_rule("broken.clock_at_import", score), reads_direct_feedback=False)]


_IMPORTED = datetime.now(timezone(timedelta(hours=8)))


_BEIJING = timezone(timedelta(hours=8))


class ReadsTheClockInACondition(_Base):
    """A 十佳 condition asking a complaint's status at ``datetime.now()``, the run's instant,
    not at ``min(the year's end, ctx.as_of)`` (p35: the kit's other day found no difference)."""

    @hookimpl
    def softenv_topten_conditions(self, year, params):
        def check(ctx):
            at = min(datetime(year + 1, 1, 1, tzinfo=_BEIJING), datetime.now(_BEIJING))
            late = sorted(
                c.id
                for c in ctx.dataset.complaints
                if c.events[0].at < at and ctx.complaint_status(c.known_at(at), at).overdue_workdays > 5
            )
            return Failure("超期", late) if late else None

        return [
            Condition(
                id="broken.clock_condition",
                title_zh="测试",
                title_en="test",
                reference="测试",
                check=check,
                effective_from=date(2022, 3, 1),
            )
        ]
