"""Redacting an analysis result for an audience (阅读范围): principle 7 applied on the result.

An audience applies on the RESULT, not in a renderer: :func:`redact_assessment`,
:func:`redact_year_end` and :func:`redact_report` return a result of the same class, so every
renderer, ``from_json``, CSV/xlsx/docx and the HTTP face show the same thing for the same
audience. Each redacted result records its ``audience`` and ``notices`` saying what was
withheld, suppressed or masked (counts only, never what).

Four leaks are closed here (docs/privacy.md has the threat model):

- linkage: outside the city office, a complaint whose maker the reader may not know is shown
  only by a per-audience reference (an HMAC of its id keyed by a dataset-level secret and the
  audience string), or not at all in point explanations, so two audiences' outputs share no
  reference to join on;
- small cells: counts and listed items about complaints, matters or ratings below
  ``privacy.min_cell`` are suppressed, with secondary suppression (analyses.disclosure);
- free text: texts shown outside the city office go through a :class:`TextScreen` built from
  the dataset (enterprises' names and credit codes, point ids, liaison persons);
- raters: nobody but the city office sees who took part in 万人评议 (a county sees yes/no for
  its own points), group tallies below the minimum are suppressed, an insufficient one unscored.

:data:`FIELD_RULES` (analyses/redaction_rules.py) declares a rule for every attrs field of every result class; a test
walks the classes and fails when a field has none, so a field added later cannot leak
silently: classify it here and handle it in the matching function.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from datetime import date
from typing import Any, TypeVar, cast

import attrs

from softenv_core.analyses import redaction_parts as parts
from softenv_core.analyses import redaction_plugin as plugin_text
from softenv_core.analyses.audiences import Audience, AudienceKind
from softenv_core.analyses.disclosure import HIDDEN_MARK, Screened, suppress_cells
from softenv_core.analyses.redaction_instant import assessment_instant, require_year_instant
from softenv_core.analyses.redaction_items import feedback_rules, point_item
from softenv_core.analyses.redaction_keys import (
    REF_PREFIX,
    complaint_ids,
    complaint_reference,
    dataset_secret,
    screen_prefixes,
    text_screen,
)
from softenv_core.analyses.redaction_notices import notice_label, shown_outside
from softenv_core.analyses.redaction_rules import FIELD_RULES, RULE_NAMES
from softenv_core.analyses.silent_months import shown_to
from softenv_core.engine.manager import CITY_PLUGIN
from softenv_core.engine.parameters import ParameterSet
from softenv_core.engine.trace import ConditionResult, ParamValue, ScoreItem
from softenv_core.errors import FieldInvalid
from softenv_core.io.checked import require_dataset
from softenv_core.model.dataset import Dataset
from softenv_core.model.periods import Month
from softenv_core.rules.city.duty import READS_DIRECT_FEEDBACK

# The result classes import this module; it takes them as type variables (no import back).
_R = TypeVar("_R")


#: Notice keys that count complaints: suppressed below min_cell.
_COMPLAINT_NOTICES = frozenset({"withheld:complaint"})
#: The reason of a department with too few valid appraisals (render.notices_en says it in English).
INSUFFICIENT_ZH = "有效评议不足，不计分"
# The reasons of a plugin rule's item withheld outside the city office (redaction_plugin), by
# their names here as before.
UNDECLARED_REASON = plugin_text.UNDECLARED_REASON
WITHHELD_REASON = plugin_text.WITHHELD_REASON


def scored_alone(score: object, least: int) -> str:
    """The reason of a department's appraisal score shown alone: a group had fewer than ``least``
    raters, so no group's tallies, no valid total and no formula are shown (finding 12)."""
    return f"综合得分 {score}；部分评议组人数少于 {least}，各组明细与有效评议总数已隐去"


def min_cell(params: ParameterSet, day: date) -> int:
    """``privacy.min_cell`` at ``day`` (the dated parameter; 3 in the city baseline). Before it
    is in force (February 2022, the first month reported, ends before the baseline's
    2022-03-01) its first value: what is shown outside the city office is never less guarded
    for being old."""
    if not params.in_force("privacy.min_cell", day):
        day = params.since("privacy.min_cell")
    return params.get("privacy.min_cell", day).whole()


def month_min_cell(params: ParameterSet, month: Month) -> int:
    """``privacy.min_cell`` for ``month``'s report, every part of it: read on the month's last
    day, as the trends' joint suppression reads it (on the first day, a value changed within the
    month guarded the sections by two cells). One choice for the redaction and the report's
    sections (redaction_report, report_inputs.min_cell)."""
    return min_cell(params, month.last_day)


def as_audience(audience: Audience | str) -> Audience:
    """``audience`` parsed when given as text (``city``, ``county:CODE``...)."""
    if isinstance(audience, Audience):
        return audience
    return Audience.parse(audience)  # anything but a text is FieldInvalid naming audience


def checked_audience(dataset: Dataset, audience: Audience | str) -> Audience:
    """``audience`` parsed (:func:`as_audience`) and checked against ``dataset``
    (:func:`check_audience`): what every analysis does first with the reader it is given."""
    require_dataset(dataset)  # the dataset first: the one check of it every analysis shares
    aud = as_audience(audience)
    check_audience(dataset, aud)
    return aud


def check_audience(dataset: Dataset, aud: Audience) -> None:
    """A FieldInvalid naming ``audience`` when ``aud`` names a county, department or point the
    dataset lacks, as a text that is no audience is (a plain SoftenvError until integrator i41);
    its text unchanged (``audience county:379999: no such county in the dataset``)."""
    kind = aud.kind
    if (
        (kind is AudienceKind.COUNTY and aud.key not in dataset.county_by_code)
        or (kind is AudienceKind.DEPARTMENT and aud.key not in dataset.department_by_id and aud.key != "city-office")
        or (kind is AudienceKind.POINT and aud.key not in dataset.point_by_id)
    ):
        zh = f"阅读范围 {aud}：数据集中没有{kind.zh} {aud.key}"  # the service's words (callers.load_for)
        raise FieldInvalid.worded("audience", f"{aud}: no such {kind.value} in the dataset", zh)


def part_redactor(dataset: Dataset, audience: Audience | str, params: ParameterSet, day: date) -> _Redactor | None:
    """For an analysis that returns one part of the year end alone: None for the city office
    (its view is the whole), else the redactor of ``audience`` with ``privacy.min_cell`` at
    ``day`` (analyses.redaction_parts). SoftenvError for an audience the dataset lacks."""
    aud = checked_audience(dataset, audience)
    return None if aud.kind is AudienceKind.CITY else _Redactor(dataset, aud, min_cell(params, day))


def require_city(dataset: Dataset, audience: Audience | str, function: str, instead: str) -> None:
    """A FieldInvalid naming ``audience`` unless it is the city office: ``function`` returns
    what only the city office reads and the year end has no redaction for; ``instead`` names
    the function that gives other audiences their view (docs/privacy.md, "Who an output is
    for"). A FieldInvalid, as every other refusal of an audience (a plain SoftenvError until
    integrator i44), its text unchanged."""
    aud = checked_audience(dataset, audience)
    if aud.kind is not AudienceKind.CITY:
        text = (
            f"{function}: 仅供{dataset.city.office} (audience 'city' only): it lists records point by point; "
            f"audience {aud} gets its view from {instead}"
        )
        raise FieldInvalid.said_once("audience", text)


#: A word an id could be (the model's identifier: ASCII letters, digits and ``_ . : -``), and
#: the punctuation a sentence may put after one (`编号Q-1.` ends a sentence, not the id).
_ID_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.:-]*")
_ID_TAIL = "_.:-"


class _Redactor:
    """What one redaction needs: the audience, its screen and reference key, and the tallies
    that become the result's notices."""

    def __init__(self, dataset: Dataset, audience: Audience, cell: int) -> None:
        self.dataset = dataset
        self.office = dataset.city.office  # who holds what is withheld, by the city's own name
        self.aud = audience
        self.min_cell = cell
        # The secret, screen and ids are the dataset's, worked out once (redaction_keys).
        self.secret = dataset_secret(dataset)
        self.screen_ = text_screen(dataset, audience)
        self.complaint_ids, self._ids = complaint_ids(dataset)
        self.counts: Counter[str] = Counter()
        self._screened: dict[str, Screened] = {}
        # Notices that do not depend on the data (said whether or not anything was withheld).
        self.statements: list[str] = []

    @property
    def kind(self) -> AudienceKind:
        return self.aud.kind

    def sees_own(self, complaint_id: str) -> bool:
        """Whether the original reference of this complaint may be shown (city, its point)."""
        c = self.complaint_ids.get(complaint_id)
        return self.kind is AudienceKind.CITY or (
            c is not None and self.kind is AudienceKind.POINT and c.point == self.aud.key
        )

    def ref(self, complaint_id: str) -> str:
        if self.sees_own(complaint_id):
            return complaint_id
        self.counts["references"] += 1
        return complaint_reference(self.secret, self.aud, complaint_id)

    def text(self, value: str) -> str:
        quoted = self._quoted_ids(value)
        # A text is screened once per redaction (a plugin's deadline text stands in each of its
        # months; no thread shares the dict), exact text only: a str subclass's == and hash found
        # another text's screening (review r52 01).
        screened = self._screened.get(quoted) if type(quoted) is str else self.screen_.screen(quoted)
        if screened is None:
            screened = self._screened[quoted] = self.screen_.screen(quoted)
        for kind, n in screened.masked.items():
            self.counts[f"masked:{kind}"] += n
        return screened.text

    def _quoted_ids(self, value: str) -> str:
        """``value`` with each complaint id written in it as a word of its own ``[直接反馈]``, but
        the reader's own (a point's). A clerk quoting a ticket number in a matter raised again
        (`编号Q-2025-0008`) showed it to the department complained about, beside the item's
        county (attacker x39 04). Words are looked up, not searched for: an id inside a longer
        one (a contract number) is not it, and a province's 60,000 ids cost no alternation."""
        if not self.complaint_ids or _ID_WORD.search(value) is None:
            return value

        def sub(m: re.Match[str]) -> str:
            whole = m.group(0)
            word = whole if whole in self.complaint_ids else whole.rstrip(_ID_TAIL)
            if word not in self.complaint_ids or self.sees_own(word):
                return whole
            self.counts["masked:complaint"] += 1
            return "[直接反馈]" + whole[len(word) :]

        return _ID_WORD.sub(sub, value)

    def strip_refs(self, value: str, *, counted: bool = True) -> str:
        """A reason or text without complaint ids (direct feedback counted only in aggregate).
        ``counted=False``: the ids masked are not added to the withheld count, where the masks
        are shown beside it (a proposal's text: the count less the masks gave back the count
        hidden below min_cell; attacker x69 02)."""
        if self._ids is None:
            return self.text(value)

        def sub(m: re.Match[str]) -> str:
            if self.sees_own(m.group(0)):
                return m.group(0)
            if counted:
                self.counts["withheld:complaint"] += 1
            return "[直接反馈]"

        return self.text(self._ids.sub(sub, value))

    def plugin_text(self, value: str) -> str:
        """A plugin's own text: as any text (the screen masks every point id, as
        analyses.redaction_plugin documents), complaint ids withheld."""
        return self.strip_refs(value)

    def evidence(self, ids: Iterable[str]) -> tuple[str, ...]:
        kept = []
        for i in ids:
            if i in self.complaint_ids and not self.sees_own(i):
                self.counts["withheld:complaint"] += 1
                continue
            kept.append(i)
        return tuple(kept)

    def score_item(self, item: ScoreItem) -> ScoreItem:
        return attrs.evolve(
            item,
            reason=self.strip_refs(item.reason) if item.rule.plugin == CITY_PLUGIN else self.plugin_text(item.reason),
            evidence=self.evidence(item.evidence),
            params=self.params(item.params, item.rule.plugin),
        )

    def params(self, params: tuple[ParamValue, ...], plugin: str) -> tuple[ParamValue, ...]:
        """A rule's or condition's parameters as the reader may see them. The city's come from
        its parameter set (figures with their dates and articles). A plugin's are its own text,
        a second channel beside the reason (attacker 05): screened as its reason is."""
        return params if plugin == CITY_PLUGIN else plugin_text.plugin_params(params, self.plugin_text)

    def aggregate_item(self, item: ScoreItem, active_months: int) -> ScoreItem:
        """An item of a rule that reads direct feedback, in aggregate: its points, no evidence
        at all, and no count the complaints change beyond what the points show. Contact ids
        beside a month count would date the complaint months by difference (count − months
        evidenced by contacts), and so would a count above the one full marks need, set
        against the county's own record of contact items (docs/privacy.md)."""
        self.counts["aggregate:feedback"] += 1
        rule = item.rule
        if rule.plugin == CITY_PLUGIN and rule.id in READS_DIRECT_FEEDBACK:
            outside = READS_DIRECT_FEEDBACK[rule.id]  # the city's decision, rules/city/duty.py
            reason = item.reason if outside is None else outside(item, active_months)
        else:
            # A plugin's text may count or date what it read: only its points are shown, not
            # its reason nor its parameters (its own text too).
            return attrs.evolve(item, reason=plugin_text.withheld_reason(self.office), evidence=(), params=())
        return attrs.evolve(item, reason=self.strip_refs(reason), evidence=())

    def condition(self, c: ConditionResult) -> ConditionResult:
        if not c.passed and c.rule.plugin != CITY_PLUGIN:  # its text may name whom it read (01)
            return plugin_text.plugin_failure(self, c)
        if c.passed and c.evidence and self.kind is not AudienceKind.CITY:  # a city caveat on a pass
            return attrs.evolve(c, reason="满足", evidence=(), params=self.params(c.params, c.rule.plugin))
        return attrs.evolve(
            c,
            reason=self.strip_refs(c.reason),
            evidence=self.evidence(c.evidence),
            params=self.params(c.params, c.rule.plugin),
        )

    def shown_count(self, key: str, n: int) -> str:
        """A notice's count as a cell: a count of withheld complaints is itself a count about
        complaints, so one below min_cell is shown hidden, with the one mark of a hidden cell
        (finding 03; a monthly report now counts none at all)."""
        if key in _COMPLAINT_NOTICES and 0 < n < self.min_cell:
            return HIDDEN_MARK
        return str(n)

    def notices(self) -> tuple[str, ...]:
        if self.kind is AudienceKind.CITY:
            return ()
        out = [f"阅读范围 {self.aud.zh}：按保密规则 (privacy.min_cell = {self.min_cell}) 编制"]
        out += self.statements
        for key, n in sorted(self.counts.items()):
            if not n:
                continue
            # A mask's count is not a cell: the masks stand in the texts the reader is given.
            shown = str(n) if key.startswith("masked:") else self.shown_count(key, n)
            out.append(f"{notice_label(key, self.office)}：{shown} 处")
        return tuple(out)


# --- the assessment ---------------------------------------------------------------------


def redact_assessment(
    result: _R,
    dataset: Dataset,
    audience: Audience | str,
    params: ParameterSet,
    declared: frozenset[tuple[str, str]] = frozenset(),
) -> _R:
    """An Assessment as ``audience`` may see it (the city office: unchanged). ``declared``:
    the (plugin, rule id) of the plugin rules that declare they read no direct feedback
    (``Rule.reads_direct_feedback=False``, assessment.declared_rules); any other plugin
    rule's item shows a county a neutral reason."""
    assessment: Any = result
    aud = checked_audience(dataset, audience)
    if aud.kind is AudienceKind.CITY:
        return cast(_R, attrs.evolve(assessment, audience=str(aud)))
    require_year_instant(assessment, aud, dataset.city.office)
    r = _Redactor(dataset, aud, min_cell(params, date(assessment.year, 12, 31)))
    counties = tuple(
        attrs.evolve(
            c,
            conditions=tuple(r.condition(x) for x in c.conditions),
            months=plugin_text.plugin_months(c.months, r.plugin_text),  # a county plugin's deadline text
        )
        for c in assessment.counties
    )
    return cast(
        _R,
        attrs.evolve(
            assessment,
            counties=counties,
            points=_points(assessment, r, declared),
            audience=str(aud),
            notices=tuple(map(r.text, shown_to(filter(shown_outside, assessment.notices), aud)))
            + r.notices(),  # they quote records
        ),
    )


def _points(assessment: Any, r: _Redactor, declared: Any) -> tuple[Any, ...]:
    """The points of ``assessment`` that ``r``'s reader is shown, each item as it may see it."""
    aud = r.aud
    # Decided once, on the complete result, for every point alike (finding 02): see
    # redaction_items.feedback_rules. A point sees its own complaints, so it keeps its evidence.
    aggregate = feedback_rules(assessment.points, r, declared) if aud.kind is AudienceKind.COUNTY else frozenset()
    points = []
    for p in assessment.points:
        # A county's own points are its county-level ones, not the 市直 points located in it (x54 01).
        if not parts.mine(aud, r.dataset, p.id):
            r.counts["withheld:point"] += 1
            continue
        points.append(
            attrs.evolve(
                p,
                items=tuple(point_item(r, i, p.id, len(p.active_months), aggregate, declared) for i in p.items),
                nomination_conditions=tuple(r.condition(c) for c in p.nomination_conditions),
            )
        )
    return tuple(points)


def reader_points(assessment: Any, dataset: Dataset, aud: Audience, params: ParameterSet) -> dict[str, Any]:
    """The points of the city office's ``assessment`` as ``aud`` (another reader) is shown them,
    by id, every plugin rule taken as not declaring that it reads no direct feedback (there is
    no plugin manager to ask; the reader is shown less, never more): the items whose evidence a
    不合格 removal proposal names (analyses.adjustment), which named every item's, the evidence
    the reader's assessment withholds among it (attacker x72 03)."""
    r = _Redactor(dataset, aud, min_cell(params, date(assessment.year, 12, 31)))
    return {p.id: p for p in _points(assessment, r, frozenset())}


# --- 万人评议 and the year end -------------------------------------------------------------


def redact_round(result: _R, dataset: Dataset, audience: Audience | str, cell: int) -> _R:
    """A RoundResult as ``audience`` may see it; see :func:`_redact_round`."""
    r = _Redactor(dataset, as_audience(audience), cell)
    return cast(_R, _redact_round(result, r))


_ROUND_LISTS = ("points_taking_part", "points_not_taking_part", "points_not_held")


def _redact_round(result: Any, r: _Redactor) -> Any:
    aud = r.aud
    if aud.kind is AudienceKind.CITY:
        return result
    # Who took part: a county sees yes/no for its own county-level points (it nominates on
    # that; not the 市直 points located in it, x54 01), a point sees itself; nobody else any.
    own = {p.id for p in r.dataset.points if aud.owns_point(p)}
    # The points held to the round by no year's assessment alike (reviewer r63 08).
    lists = {k: tuple(p for p in getattr(result, k) if p in own) for k in _ROUND_LISTS}
    if any(len(getattr(result, k)) != len(v) for k, v in lists.items()):
        r.counts["withheld:raters"] += 1
    departments = []
    for d in result.departments:
        if aud.kind is AudienceKind.DEPARTMENT and d.department != aud.key:
            continue
        if not d.sufficient:
            r.counts["unscored"] += 1
            # Its valid total withheld (None, "(不公开)"), never 0, which ratings contradict (a22).
            departments.append(
                attrs.evolve(d, groups=(), valid=None, score=None, rank=None, bottom=False, reason=INSUFFICIENT_ZH)
            )
            continue
        table = suppress_cells({g.group: g.valid + g.unknown for g in d.groups}, r.min_cell)
        hidden_groups = {k for k, c in table.cells.items() if c.suppressed}
        if hidden_groups or table.total.suppressed:
            r.counts["suppressed:cell"] += len(hidden_groups)
            # The score is a weighted total of every group's tallies, the weights published: with
            # the other groups' tallies and the valid total shown, the score to 0.01 left a lone
            # rater's rating the only one consistent with them (finding 12). So the score is
            # shown alone: no group's tallies, no valid total, no formula.
            reason = scored_alone(d.score, r.min_cell)
            d = attrs.evolve(d, groups=(), valid=None, reason=reason)
        departments.append(d)
    return attrs.evolve(result, departments=tuple(departments), **lists)


def redact_year_end(result: _R, dataset: Dataset, audience: Audience | str, params: ParameterSet) -> _R:
    """A YearEnd as ``audience`` may see it (the city office: unchanged)."""
    ye: Any = result
    aud = checked_audience(dataset, audience)
    if aud.kind is AudienceKind.CITY:
        return cast(_R, attrs.evolve(ye, audience=str(aud)))
    r = _Redactor(dataset, aud, min_cell(params, date(ye.year, 12, 31)))
    # Each part by the rule the analysis returning it alone applies too (analyses.redaction_parts).
    proposals = parts.proposals(ye.proposals, r)
    commendation = parts.commendation(ye.commendation, r)
    redacted = attrs.evolve(
        ye,
        appraisal=tuple(_redact_round(x, r) for x in ye.appraisal),
        proposals=proposals,
        suggested_removals=parts.proposals(ye.suggested_removals, r),  # as section 三's (clerk c60 02)
        filings=parts.filings(ye.filings, aud, dataset),
        unrecorded=parts.unrecorded(ye.unrecorded, aud, dataset, ye.year),  # a county's own; others bare
        window=parts.window(ye.window, aud, dataset),
        unqualified_removals=parts.filings(ye.unqualified_removals, aud, dataset),  # a county's own, a point its own
        commendation=commendation,
        topics=parts.topics(ye.topics, r),
        guarantees=parts.guarantees(ye.guarantees, r),
        audience=str(aud),
    )
    # The notices after the reset, which says what it withholds (fix helper fc60b, after clerk
    # c60: worked out before it, they never told a reader of 事项跟踪, 专项调研 or the additions).
    redacted = parts.city_only(redacted, "YearEnd", r)
    return cast(_R, attrs.evolve(redacted, notices=r.notices()))


__all__ = [
    "FIELD_RULES",
    "INSUFFICIENT_ZH",
    "REF_PREFIX",
    "RULE_NAMES",
    "UNDECLARED_REASON",
    "WITHHELD_REASON",
    "as_audience",
    "assessment_instant",
    "check_audience",
    "checked_audience",
    "complaint_reference",
    "dataset_secret",
    "min_cell",
    "month_min_cell",
    "part_redactor",
    "reader_points",
    "redact_assessment",
    "redact_round",
    "redact_year_end",
    "require_city",
    "require_year_instant",
    "scored_alone",
    "screen_prefixes",
    "text_screen",
]
