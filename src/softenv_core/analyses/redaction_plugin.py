"""A county plugin's own text outside the city office (插件文字的阅读范围): principle 7 by construction.

A plugin's rule or 十佳 condition writes free text: its reason and its parameters
(``Award.params``, ``Failure.params``). The library cannot know what the plugin read to write
it — the whole dataset is in its context, complaints (直接反馈) and 万人评议 ratings included —
and the text screen masks enterprise names and codes, not who complained or who rated. A
condition that wrote ``本区监测点P-379902-2曾越级向市软建办直接反馈`` told its county, the
department complained about and the public which point complained (finding t3plugin 01).
So, for every audience but the city office (applied by ``analyses.redaction._Redactor``):

- a **failed 十佳 condition of a plugin** shows its title and a fixed wording
  (:data:`WITHHELD_CONDITION`), never the plugin's reason or parameters, and of its evidence
  only the counties and departments: the county's decision is published to every audience,
  a point's record (the point itself, its contacts, its complaints) beside "failed" says which
  point the failure is about, and a dated record (a month's report) when (x72 02);
- **every monitoring point id** of the dataset is masked (:data:`POINT_MASK`) in the text of
  a plugin's rules (their items' reasons and parameters) wherever it is shown: a point id is
  the key a reader joins a complainant or a rater on, whatever the sentence around it says.
  The text screen does it (``disclosure.TextScreen``, built with the point ids for every
  reader but the city office), as it does in record texts (attacker t6 02), in every form it
  matches (full-width, lower case, without the ``P``...);
- a county plugin's **report deadline** (``softenv_report_deadline``: its rule id, reference,
  calendar facts and parameters, shown in every county's month statuses) goes through the
  same treatment as a rule's text (:func:`plugin_months`): the published month statuses carry
  it to the public and every department, so it is screened wherever a rule's reason would be.

The city's own rules and conditions are the library's text, reviewed with it: unchanged here.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping
from typing import Any, Protocol

import attrs

from softenv_core.analyses.audiences import AudienceKind
from softenv_core.analyses.disclosure import MASK_POINT
from softenv_core.engine.manager import CITY_PLUGIN
from softenv_core.engine.ruletypes import Deadline
from softenv_core.engine.trace import ConditionResult, ParamValue, ScoreItem
from softenv_core.model.dataset import Dataset
from softenv_core.model.divisions import DEFAULT_OFFICE


def withheld_reason(office: str) -> str:
    """The reason a county reads for a plugin rule's item whose rule declares it reads no direct
    feedback yet cites a complaint (a false declaration; a rule that does not declare reads
    :func:`undeclared_reason` whatever it cites, x72 04): the details are with ``office``, the
    city office by the name its city gives it (City.office)."""
    return f"本规则的计分依据涉及直接反馈，明细由{office}掌握"


def undeclared_reason(office: str) -> str:
    """The reason a county reads for a plugin rule's item whose rule does not declare it reads
    no direct feedback: the explanation is with ``office`` (City.office)."""
    return f"本规则未声明不读取直接反馈，计分说明由{office}掌握"


def withheld_condition(office: str) -> str:
    """A failed plugin condition's reason outside the city office, held by ``office``
    (City.office). Every renderer puts the condition's title before a reason: the reason said
    it again, 'X: X: 县区插件…' (x30)."""
    return f"县区插件所设十佳条件未满足，说明由{office}掌握"


#: The three reasons for a city that gives its office no name of its own (City.office's
#: default, 市软建办): what a plugin's tests compare with over such a dataset.
WITHHELD_REASON = withheld_reason(DEFAULT_OFFICE)
UNDECLARED_REASON = undeclared_reason(DEFAULT_OFFICE)
WITHHELD_CONDITION = withheld_condition(DEFAULT_OFFICE)
#: What a monitoring point id in a plugin's text is shown as outside the city office: the
#: screen's one mask (defined in analyses.disclosure, re-exported here).
POINT_MASK = MASK_POINT
#: A county plugin's deadline rule id outside the city office when the screen masked part of it
#: (a short point id such as ``P0`` is found inside ``qingshan.report.deadline``): a mask is no
#: id's character, and the masked id made every view but the city office's fail (integrator i45).
WITHHELD_RULE_ID = "withheld"


class Redactor(Protocol):
    """What this module and analyses.redaction_items use of ``analyses.redaction._Redactor``
    (that module imports both, so they cannot import it): one description for both."""

    dataset: Dataset
    counts: Counter[str]
    office: str

    @property
    def kind(self) -> AudienceKind: ...
    @property
    def complaint_ids(self) -> Mapping[str, Any]: ...

    def text(self, value: str) -> str: ...
    def score_item(self, item: ScoreItem) -> ScoreItem: ...
    def aggregate_item(self, item: ScoreItem, active_months: int) -> ScoreItem: ...


def plugin_failure(r: Redactor, c: ConditionResult) -> ConditionResult:
    """A failed plugin condition as a reader other than the city office sees it: its title (on
    its rule, as every condition's) and :data:`WITHHELD_CONDITION` as its reason, no parameters,
    and of its evidence only the records no point and no day name: counties and departments.

    A point's record (a complaint above all) would say whom the failure is about, and a filing
    (备案), the county's, files roster changes of one point each and is named after them
    (``F-RC-P379902-019-add``, x31 03). The county's dated records are left out too: which of
    them the plugin cites is its choice, and a condition reading complaints cited the county's
    report of the month one of its points complained directly in, dating it to every reader
    (x72 02). A condition declares nothing of what it reads (``Condition`` has no
    ``reads_direct_feedback``), so this holds for every one."""
    r.counts["withheld:condition"] += 1
    d = r.dataset
    kept = tuple(e for e in c.evidence if e in d.county_by_code or e in d.department_by_id)
    return attrs.evolve(c, reason=withheld_condition(d.city.office), evidence=kept, params=())


def plugin_params(params: tuple[ParamValue, ...], screen: Callable[[str], str]) -> tuple[ParamValue, ...]:
    """A plugin's parameters (its own text, a second channel beside the reason: attacker 05)
    with names, values and references passed through ``screen``."""
    return tuple(
        attrs.evolve(
            p,
            name=screen(p.name),
            value=_screened(p.value, screen),
            reference=screen(p.reference),
            reference_zh=None if p.reference_zh is None else screen(p.reference_zh),
        )
        for p in params
    )


def plugin_deadline(d: Deadline, screen: Callable[[str], str]) -> Deadline:
    """A county plugin's deadline (截止时间) with its own text passed through ``screen``: the
    rule id (:data:`WITHHELD_RULE_ID` when the screen masks any of it: a mask is no id), the
    reference (and its Chinese), each calendar fact, each calendar source's name and version
    (the plugin builds them: free text, review r1/01) and the parameters. Its moments and policy (a
    DeadlinePolicy member, checked on answer) are kept."""
    return attrs.evolve(
        d,
        rule_id=d.rule_id if screen(d.rule_id) == d.rule_id else WITHHELD_RULE_ID,
        reference=screen(d.reference),
        reference_zh=None if d.reference_zh is None else screen(d.reference_zh),
        facts=tuple(map(screen, d.facts)),
        calendar_sources=tuple(
            attrs.evolve(c, name=screen(c.name), version=screen(c.version)) for c in d.calendar_sources
        ),
        params=plugin_params(d.params, screen),
    )


def plugin_months(months: tuple[Any, ...], screen: Callable[[str], str]) -> tuple[Any, ...]:
    """A county's month statuses (``MonthStatus``, 月度报送状态) with each deadline a county
    plugin gave screened (:func:`plugin_deadline`); the city's deadlines are the library's
    text, unchanged."""
    return tuple(
        attrs.evolve(m, deadline=plugin_deadline(m.deadline, screen))
        if m.deadline is not None and m.deadline.plugin != CITY_PLUGIN
        else m
        for m in months
    )


def _screened(value: Any, screen: Callable[[str], str]) -> Any:
    if isinstance(value, str):
        return screen(value)
    if isinstance(value, (list, tuple)):  # a ReadOnly list's own type may refuse building
        items = [_screened(v, screen) for v in value]
        return items if isinstance(value, list) else tuple(items)
    if isinstance(value, dict):
        return {_screened(k, screen): _screened(v, screen) for k, v in value.items()}
    return value


__all__ = [
    "DEFAULT_OFFICE",
    "POINT_MASK",
    "UNDECLARED_REASON",
    "WITHHELD_CONDITION",
    "WITHHELD_REASON",
    "WITHHELD_RULE_ID",
    "Redactor",
    "plugin_deadline",
    "plugin_failure",
    "plugin_months",
    "plugin_params",
    "undeclared_reason",
    "withheld_condition",
    "withheld_reason",
]
