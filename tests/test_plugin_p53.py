"""Plugin author p53 (临江市 379981): what the conformance kit missed in a county plugin.

01 (medium) The kit's ``deterministic`` check compared only the plugin's rules' items and its 十佳
   conditions: a report deadline or complaint limits switched on by ``date.today()``, or a
   deadline citing ``"、".join(a_set)`` (its order moving with the hash seed), passed the kit and
   ``softenv plugins --check``. The deadline of each month the checks ask and the limits of each
   kind on each month's first day are compared now (asked_hooks.hook_answers).
02 (low) One record id given as evidence (``Award(1, "…", c.id)``) was split into its characters
   and then refused with a fix about module-level caches; text is refused as evidence now, naming
   ``evidence``.
"""

from __future__ import annotations

from datetime import date

import attrs
import pytest

from softenv_core.plugin import (
    ComplaintKind,
    ComplaintSla,
    County,
    Deadline,
    Month,
    ParameterSet,
    PluginInfo,
    WorkCalendar,
    baseline_sla,
    hookimpl,
    monthly_deadline,
)
from softenv_core.testing import check_plugin, clock, hash_seeds


class DeadlineByTheClock:
    """临江市's 3rd-of-the-month deadline switched on by the clock ("from 2026 on"), not by a
    dated parameter: the county's reports are late or on time depending on the day the
    assessment is computed (in the demo city its 十佳 city.topten.on_time flips)."""

    @hookimpl
    def softenv_plugin_info(self) -> PluginInfo:
        return PluginInfo(county="379981", title="临江市", reference="临江市经信局〔2025〕4号")

    @hookimpl
    def softenv_report_deadline(
        self, county: County, month: Month, calendar: WorkCalendar, params: ParameterSet
    ) -> Deadline | None:
        if date.today().year >= 2026:
            return monthly_deadline(
                calendar, month, 1, rule_id="county.379981.report.deadline", reference="临江市经信局〔2025〕4号 第三条"
            )
        return None


class LimitsByTheClock:
    """Stricter complaint limits switched on by the clock instead of by ``on``."""

    @hookimpl
    def softenv_plugin_info(self) -> PluginInfo:
        return PluginInfo(county="379981", title="临江市", reference="临江市经信局〔2025〕4号")

    @hookimpl
    def softenv_complaint_sla(
        self, kind: ComplaintKind, calendar: WorkCalendar, params: ParameterSet, on: date
    ) -> ComplaintSla | None:
        if date.today().year >= 2026:
            city = baseline_sla(kind, params, on=on)
            return attrs.evolve(
                city, resolve=dict.fromkeys(city.resolve, 1), reference="临江市经信局〔2025〕4号 第七条"
            )
        return None


class DeadlineReferenceFromASet:
    """The deadline's reference joined over a set of articles: its order changes with the
    process's string-hash seed, and `softenv explain --county` prints it (DESIGN principle 4)."""

    @hookimpl
    def softenv_plugin_info(self) -> PluginInfo:
        return PluginInfo(county="379981", title="临江市", reference="临江市经信局〔2025〕4号")

    @hookimpl
    def softenv_report_deadline(
        self, county: County, month: Month, calendar: WorkCalendar, params: ParameterSet
    ) -> Deadline | None:
        # ten members: five kept the same order under two seeds about once in a hundred runs
        articles = "、".join(
            {"第一条", "第二条", "第三条", "第五条", "第七条", "第九条", "第十条", "第十二条", "附件一", "附件二"}
        )
        return monthly_deadline(
            calendar, month, 3, rule_id="county.379981.report.deadline", reference=f"临江市经信局〔2025〕4号 {articles}"
        )


@pytest.mark.parametrize("plugin", [DeadlineByTheClock(), LimitsByTheClock()], ids=["deadline", "complaint_sla"])
def test_01_the_deterministic_check_compares_the_deadline_and_complaint_limits_on_two_days(plugin: object) -> None:
    # docs/testing-rules.md (deterministic: "On another day"), writing-a-county-plugin.md §8: "It
    # reads no clock …: the kit's deterministic check runs it on two days and fails if its
    # answers move". The deadline and the complaint limits are the plugin's answers too; the
    # check compared only its rules' items and its conditions. What the kit's subprocess does
    # (hash_seeds.main: clock.on_two_days), here in this process.
    found = clock.on_two_days(lambda: plugin, lambda p: hash_seeds.answers(p, "linjiang", "379981"), False)
    moved = hash_seeds._moved_with_clock(found)
    assert moved is not None
    assert moved.startswith("report deadline" if isinstance(plugin, DeadlineByTheClock) else "complaint limits")


@pytest.mark.slow  # starts a process
def test_01_the_deterministic_check_compares_the_deadline_under_another_hash_seed() -> None:
    # docs/testing-rules.md (deterministic: another hash seed): a reference joined over a set.
    report = check_plugin(DeadlineReferenceFromASet(), "linjiang", others=[], max_examples=1)
    assert "PYTHONHASHSEED" in report.failures.get("deterministic", "")


def test_02_one_record_id_given_as_text_is_refused_as_evidence_not_split_into_characters() -> None:
    # docs/hooks.md: evidence is "a list or tuple of ids"; writing-a-county-plugin.md §8 says
    # mypy --strict checks it, but a str is a Sequence[str] to mypy, so Award(1, "…", c.id)
    # passes it and became ('C', '-', '1'): the engine then said "'C' is not a record id of the
    # dataset" with a fix about module-level caches. Refuse text, naming evidence.
    from softenv_core.plugin import Award, Failure

    said = r"evidence: a list or tuple of record ids: \[c\.id\], not the id itself"
    with pytest.raises((TypeError, ValueError), match=said):
        Award(1, "参加座谈会1次", "C-P-379981-2-2025-03")
    with pytest.raises((TypeError, ValueError), match=said):
        Failure("超期", "Q1")
    assert Award(1, "参加座谈会1次", ["C-1"]).evidence == ("C-1",)


def test_02_text_as_evidence_past_the_converter_is_refused_naming_plugin_hook_and_rule() -> None:
    # An Award whose evidence became text after it was made (object.__setattr__ gets past frozen):
    # the engine's own check says what evidence is, naming the plugin, the hook and the rule; and
    # an item of the results is not made of text's characters either.
    from softenv_core.engine.answers import check_award
    from softenv_core.engine.trace import RuleRef, ScoreItem
    from softenv_core.errors import FieldInvalid, PluginError
    from softenv_core.plugin import Award
    from softenv_core.testing.builders import small_dataset

    award = Award(1, "参加座谈会1次", ["C-1"])
    object.__setattr__(award, "evidence", "C-1")
    dataset = small_dataset(2025, counties=("379981",))
    point = dataset.points[0]
    with pytest.raises(PluginError) as raised:
        check_award(
            "linjiang", "softenv_extra_point_rules", "county.379981.extra.x", award, dataset, (point.id, "379981")
        )
    message = str(raised.value)
    assert "'linjiang'" in message and "softenv_extra_point_rules" in message and "county.379981.extra.x" in message
    assert (
        "field evidence: rule county.379981.extra.x: a list or tuple of record ids: [c.id], not the id itself"
        in message
    )
    ref = RuleRef("county.379981.extra.x", "extra.x", "x", "x", "linjiang", "1", "r")
    with pytest.raises(FieldInvalid, match="evidence"):
        ScoreItem(ref, 1, "x", "C-1")
