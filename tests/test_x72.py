"""Attacker x72: which point complained to 市软建办, read from outputs made for other readers.

Year end, explain and county plugins (docs/privacy.md, docs/hooks.md). Each test asserts the
correct behaviour and fails now.
"""

from __future__ import annotations

from datetime import date

import attrs

from softenv_core import Award, Condition, Failure, PluginInfo, Rule, hookimpl
from softenv_core.analyses.assessment import assess
from softenv_core.render.assessment import explain_county, explain_point
from softenv_core.rules.registry import get_plugin_manager
from softenv_core.testing.builders import beijing, make_complaint, small_dataset

YEAR = 2025


def _world(month: int, point: str = "P-379902-2"):
    """Two counties, two points each, a full year of contacts with items; one complaint to
    市软建办 by ``point`` received in ``month`` (made without consent)."""
    base = small_dataset(YEAR, counties=("379902", "379921"))
    return attrs.evolve(base, complaints=(make_complaint("Q-2025-0001", point, beijing(YEAR, month, 3)),))


class _FollowsFeedback:
    """379902's plugin: an extra rule that does not declare ``reads_direct_feedback`` (so a
    county must be shown only its points and the neutral reason), citing as its evidence the
    point's own contact of each month in which the point complained directly (a rule that
    awards "跟进直接反馈" and cites the contact in which the county followed it up)."""

    @hookimpl
    def softenv_plugin_info(self):
        return PluginInfo(county="379902", title="跟进", reference="测试")

    @hookimpl
    def softenv_extra_point_rules(self, year, params):
        def score(ctx):
            months = {(c.received_at.year, c.received_at.month) for c in ctx.complaints}
            cited = [c.id for c in ctx.contacts if (c.date.year, c.date.month) in months]
            return Award(0, "跟进", cited)

        return [
            Rule(
                id="county.379902.follow",
                label="county.379902.follow",
                title_zh="跟进直接反馈",
                title_en="follow-up",
                reference="测试",
                score=score,
                max_points=1,
                effective_from=date(2020, 1, 1),
            )
        ]


def test_01_an_undeclared_plugin_rules_evidence_tells_its_county_who_complained_and_when():
    """What: a county plugin rule that does not declare ``reads_direct_feedback=False`` is shown
    to its county with the neutral reason ``本规则未声明不读取直接反馈，计分说明由市软建办掌握`` and
    no parameters (its text "may date what it read", finding 07), but its **evidence is kept**:
    the rule chooses which of the point's own records to cite, and citing the point's contact of
    the month it complained directly tells the county (which maps point ids to enterprises) which
    point complained and in which month (here P-379902-2, March vs July), in ``assess``'s county
    view, ``softenv explain --point`` and every view built from it (year end, workbook).
    Where: analyses/redaction.py ``_item`` (``attrs.evolve(shown, reason=…, params=())`` keeps
    ``shown.evidence``). Expected: outside the city office such an item shows its points only,
    as ``aggregate_item`` does (no evidence), so the county's view is the same whichever month
    (and whichever point) complained. Actual: ``('C-P-379902-2-2025-03',)`` vs
    ``('C-P-379902-2-2025-07',)``. Severity: high (principle 7: the complainant and the month,
    to its county, through a plugin the docs say shows only its points). Note:
    tests/test_privacy_plugin_reasons.py keeps an evidence of the point's own id (``(P,)``),
    which a fix keeping only the point itself (or nothing the rule chose) satisfies too."""
    pm = get_plugin_manager(autoload=False)
    pm.register(_FollowsFeedback(), name="softenv-county-follow")
    seen = []
    for month in (3, 7):
        view = assess(_world(month), YEAR, pm, audience="county:379902")
        point = next(p for p in view.points if p.id == "P-379902-2")
        item = next(i for i in point.items if i.rule.id == "county.379902.follow")
        assert item.reason.startswith("本规则未声明不读取直接反馈")  # the neutral reason is given
        seen.append((item.evidence, explain_point(point)))
    assert seen[0] == seen[1], seen[0][0]
    # The rule's item, not the explanation: it lists the city contact rule's evidence, every
    # month's contact of the point (the county's own records, dating nothing), as it should.
    assert not any(e.startswith("C-P-379902-2-2025") for evidence, _ in seen for e in evidence)


class _NoSkipping:
    """379902's plugin: a 十佳 condition failing when any of the county's points complained to
    市软建办 over the county's head, citing the county's own monthly report of each month in
    which one did (a record tied to no point, so kept outside the city office)."""

    @hookimpl
    def softenv_plugin_info(self):
        return PluginInfo(county="379902", title="不越级", reference="测试")

    @hookimpl
    def softenv_topten_conditions(self, year, params):
        def check(ctx):
            mine = {p.id for p in ctx.dataset.points if p.county == ctx.county.code}
            months = sorted({c.received_at.month for c in ctx.dataset.complaints if c.point in mine})
            if not months:
                return None
            return Failure("越级反馈", [f"R-{ctx.county.code}-{year}-{m:02d}" for m in months])

        return [
            Condition(
                id="county.379902.noskip",
                title_zh="不越级反映",
                title_en="no skipping",
                reference="测试",
                check=check,
                effective_from=date(2020, 1, 1),
            )
        ]


def test_02_a_failed_plugin_conditions_kept_evidence_dates_the_complaint_for_every_reader():
    """What: outside the city office a failed county-plugin 十佳 condition shows a fixed reason
    (``县区插件所设十佳条件未满足，说明由市软建办掌握``) but keeps the evidence "tied to no
    point" — the county's monthly reports among it. The plugin chooses which of them to cite, so
    a condition reading complaints cites the county's report of the month a point complained,
    and the public, every department (the one complained about knows which of its tickets came
    in which month) and every county read the month of a direct complaint that every monthly
    report hides (their complaint counts are hidden zero included so that no month is dated:
    docs/privacy.md *Monthly reports*). The fail/pass itself is the documented residual; the
    month is not. Where: analyses/redaction_plugin.py ``plugin_failure`` (keeps every evidence
    id whose scope is no point). Expected: the failed condition's view is the same whichever
    month the complaint was received in (no plugin-chosen evidence, or only the county code).
    Actual: ``('R-379902-2025-03',)`` vs ``('R-379902-2025-07',)`` for public, department and
    counties alike, also in ``softenv explain --county``. Severity: medium (the month of a
    direct complaint by one of the county's points, to everyone; beside the department's own
    tickets, which of them came from that county). Note: docs/privacy.md's table lists "its
    reports" among the evidence kept, and tests/test_privacy_plugin_filing_evidence.py asserts
    that a report is still cited: both describe the channel this test asks to close (keep only
    the records no month or point dates, e.g. the county code and its departments)."""
    pm = get_plugin_manager(autoload=False)
    pm.register(_NoSkipping(), name="softenv-county-noskip")
    for audience in ("public", "department:city-amr", "county:379921", "county:379902"):
        seen = []
        for month in (3, 7):
            view = assess(_world(month), YEAR, pm, audience=audience)
            county = view.county("379902")
            cond = next(c for c in county.conditions if c.rule.id == "county.379902.noskip")
            assert not cond.passed
            seen.append((cond.evidence, explain_county(county)))
        assert seen[0] == seen[1], (audience, seen[0][0], seen[1][0])


class _CitesComplaintAndReport:
    """379902's plugin: a rule that says it reads direct feedback (``reads_direct_feedback=True``)
    and cites the point's complaints with the county's monthly report of each month one was
    received in (records of the point and of its county: allowed evidence)."""

    @hookimpl
    def softenv_plugin_info(self):
        return PluginInfo(county="379902", title="跟进", reference="测试")

    @hookimpl
    def softenv_extra_point_rules(self, year, params):
        def score(ctx):
            months = sorted({(c.received_at.year, c.received_at.month) for c in ctx.complaints})
            cited = [c.id for c in ctx.complaints] + [f"R-{ctx.point.county}-{y}-{m:02d}" for y, m in months]
            return Award(0, "跟进直接反馈", cited)

        return [
            Rule(
                id="county.379902.cites",
                label="county.379902.cites",
                title_zh="跟进直接反馈",
                title_en="follow-up",
                reference="测试",
                score=score,
                max_points=1,
                effective_from=date(2020, 1, 1),
                reads_direct_feedback=True,
            )
        ]


def _failing_world(month: int):
    """``_world(month)`` with P-379902-2 contacted (with items) in March and July only: it is
    rated 不合格 (55 points) whichever of the two months it complained in, with the same records
    its county keeps."""
    ds = _world(month)
    contacts = tuple(c for c in ds.contacts if c.point != "P-379902-2" or c.date.month in (3, 7))
    return attrs.evolve(ds, contacts=contacts)


def test_03_a_failed_points_removal_proposal_gives_its_county_the_evidence_the_assessment_withholds():
    """What: a plugin rule whose items cite a complaint is shown to the county "in aggregate"
    (its points only, no evidence: ``_feedback_rules`` / ``aggregate_item``), but the year end's
    不合格 removal proposal (section 三, ``YearEnd.proposals``, the JSON year end, the service)
    carries every score item's evidence of the complete assessment (adjustment.py ``_failed``),
    and ``redaction_parts.proposals`` drops only the complaint ids from it: the rule's other
    evidence (here the county's report of the month the point complained, R-379902-2025-03 vs
    R-379902-2025-07) reaches the county beside its own point's id. Where:
    analyses/adjustment.py ``_failed`` + analyses/redaction_parts.py ``proposals``. Expected:
    the county's proposal for P-379902-2 is the same whichever month it complained in (the
    evidence of items the assessment shows in aggregate, or without evidence, left out as it
    is there). Actual: the evidence differs by the month. Severity: high (complainant and
    month to its county, through the one path the assessment's aggregate rule does not cover)."""
    from softenv_core import year_end

    pm = get_plugin_manager(autoload=False)
    pm.register(_CitesComplaintAndReport(), name="softenv-county-cites")
    seen = []
    for month in (3, 7):
        ds = _failing_world(month)
        view = assess(ds, YEAR, pm, audience="county:379902")
        item = next(i for i in view.point("P-379902-2").items if i.rule.id == "county.379902.cites")
        assert item.evidence == ()  # the assessment shows the rule in aggregate
        yearly = year_end(ds, YEAR, pm, audience="county:379902")
        [proposal] = [p for p in yearly.proposals if p.point == "P-379902-2"]
        assert "unqualified" in proposal.reasons
        seen.append(proposal.evidence)
    assert seen[0] == seen[1], seen


class _CitesOwnComplaints:
    """379902's plugin: an extra rule (``reads_direct_feedback`` not declared) awarding nothing
    and citing the point's own complaints, if any (allowed evidence: the point's own records)."""

    @hookimpl
    def softenv_plugin_info(self):
        return PluginInfo(county="379902", title="跟进", reference="测试")

    @hookimpl
    def softenv_extra_point_rules(self, year, params):
        return [
            Rule(
                id="county.379902.own",
                label="county.379902.own",
                title_zh="跟进直接反馈",
                title_en="follow-up",
                reference="测试",
                score=lambda ctx: Award(0, "跟进", [c.id for c in ctx.complaints]),
                max_points=1,
                effective_from=date(2020, 1, 1),
            )
        ]


def test_04_the_neutral_wording_of_an_undeclared_plugin_rule_switches_when_a_county_point_complains():
    """What: outside the city office an undeclared plugin rule's item reads
    ``本规则未声明不读取直接反馈，计分说明由市软建办掌握`` (notice ``未声明不读取直接反馈的插件规则不列计分说明：1 处``)
    — until any of the county's points' items cites a complaint, when every item of the rule
    reads ``本规则的计分依据涉及直接反馈，明细由市软建办掌握`` and the notices change (the aggregate
    count 2 → 3, the undeclared notice gone). The rule scores the county's own 县区 points only,
    so the wording tells the county that one of them complained directly in the year: with one
    县区 point (here P-379902-2, whose points are 0 either way) it names the complainant; a
    complaint by the 市直 point P-379902-1 or by another county's point leaves it unchanged.
    The city's own rules were made immune on purpose ("whether any point of the year complained
    at all changes nothing in the view"); for a plugin's rule the evidence decides.
    Where: analyses/redaction.py ``_feedback_rules`` (``cited`` from the evidence) and ``_item``.
    Expected: the county's view of the rule's items and its notices are the same with and
    without the complaint (decide by the declaration, one neutral wording for every rule not
    declared ``False``). Actual: the wording and notices differ. Severity: high (names the
    complainant to its county where the county has one 县区 point; otherwise that one of them
    complained)."""
    pm = get_plugin_manager(autoload=False)
    pm.register(_CitesOwnComplaints(), name="softenv-county-own")
    base = small_dataset(YEAR, counties=("379902", "379921"))
    views = []
    for complaints in ((), (make_complaint("Q-2025-0001", "P-379902-2", beijing(YEAR, 3, 3)),)):
        view = assess(attrs.evolve(base, complaints=complaints), YEAR, pm, audience="county:379902")
        point = view.point("P-379902-2")
        item = next(i for i in point.items if i.rule.id == "county.379902.own")
        assert item.points == 0 and item.evidence == ()
        views.append((item.reason, view.notices, explain_point(point)))
    assert views[0] == views[1], (views[0][0], views[1][0])
