"""A point's score items as a county or the point reads them (principle 7): which are shown in
aggregate, and what a county plugin's rule that does not declare it reads no direct feedback shows.

Applied by ``analyses.redaction`` to the assessment, and by the year end's 不合格 proposals to
the evidence they name (``analyses.adjustment``): one rule for both, so that a proposal gives a
reader no record of a score item that the reader's assessment withholds (attacker x72 03).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import attrs

from softenv_core.analyses import redaction_plugin as plugin_text
from softenv_core.analyses.audiences import AudienceKind
from softenv_core.analyses.redaction_plugin import Redactor
from softenv_core.engine.manager import CITY_PLUGIN
from softenv_core.engine.trace import ScoreItem
from softenv_core.rules.city.duty import READS_DIRECT_FEEDBACK


def declares_none(rule: Any, declared: Any) -> bool:
    """Whether ``rule`` is a plugin's that does not declare it reads no direct feedback (its
    (plugin, id) not in ``declared``, ``Rule.reads_direct_feedback=False``)."""
    return rule.plugin != CITY_PLUGIN and (rule.plugin, rule.id) not in declared


def point_item(
    r: Redactor, i: ScoreItem, point: str, months: int, aggregate: frozenset[str], declared: Any
) -> ScoreItem:
    """One item of ``point`` as ``r``'s reader sees it: in aggregate (``aggregate``), or, for a
    county or the point itself, a plugin rule's that does not declare it reads no direct feedback
    with a neutral reason (its text may date what it read, whatever its evidence cites: finding
    07), no parameters (its text too) and of its evidence only the point itself: which records
    the rule cites is its choice too. Its county and the point read only the point's id (the
    point's contact of the month it complained directly told the county when: attacker x72 01;
    the county's report of each month any of its points complained told one point when another
    complained: fix helper fx72b; and the point's own contact of each such month would tell it
    as well: its own contacts and complaints, which its view lists anyway, are not kept here)."""
    if i.rule.id in aggregate:
        return r.aggregate_item(i, months)
    if r.kind in _UNDECLARED_READERS and declares_none(i.rule, declared):
        # Built here, not from score_item: what it screened and withheld of the text and
        # evidence left out would be counted in the notices (a complaint cited: x72 04).
        r.counts["withheld:reason"] += 1
        reason = plugin_text.undeclared_reason(r.office)
        return attrs.evolve(i, reason=reason, evidence=tuple(e for e in i.evidence if e == point), params=())
    return r.score_item(i)


#: The readers of a point's items who read an undeclared plugin rule's neutrally (the city office
#: reads it as written; no other reader is shown a point's items).
_UNDECLARED_READERS = frozenset({AudienceKind.COUNTY, AudienceKind.POINT})


def feedback_rules(points: Iterable[Any], r: Redactor, declared: Any) -> frozenset[str]:
    """The rules whose items a county is shown in aggregate: the city's rules that read direct
    feedback, always, and any other rule whose items cite a complaint for any point of the
    complete assessment — but a plugin's rule that does not declare it reads no direct
    feedback, which :func:`point_item` withholds whatever it cites.

    Their items are shown in aggregate for every point alike, whether or not that point
    complained: withholding evidence only where a complaint was cited would itself say who
    complained. The city's rules are declared (whether any point of the year complained at
    all changes nothing in the view), and so is every plugin rule that does not say it reads
    no direct feedback: its items read one wording whatever it cites (the wording switched when
    one of the county's points complained, naming it where the county has one: attacker x72
    04). Only a rule declaring it reads none and citing a complaint anyway, a false declaration,
    is found from its evidence."""
    cited = {
        i.rule.id
        for p in points
        for i in p.items
        if not declares_none(i.rule, declared) and any(e in r.complaint_ids for e in i.evidence)
    }
    return frozenset(cited | READS_DIRECT_FEEDBACK.keys())


__all__ = ["declares_none", "feedback_rules", "point_item"]
