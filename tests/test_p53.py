"""Plugin author p53 (临江市 379981): what the conformance kit misses in a county plugin."""

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
from softenv_core.testing import check_plugin


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
        articles = "、".join({"第三条", "第五条", "第七条", "第九条", "附件一"})
        return monthly_deadline(
            calendar, month, 3, rule_id="county.379981.report.deadline", reference=f"临江市经信局〔2025〕4号 {articles}"
        )


@pytest.mark.slow  # starts a process
@pytest.mark.parametrize(
    ("plugin", "said"),
    [
        (DeadlineByTheClock(), "reads the clock"),
        (LimitsByTheClock(), "reads the clock"),
        (DeadlineReferenceFromASet(), "PYTHONHASHSEED"),
    ],
    ids=["deadline_clock", "complaint_sla_clock", "deadline_set_order"],
)
def test_01_the_deterministic_check_compares_the_deadline_and_complaint_limits_too(plugin: object, said: str) -> None:
    # docs/testing-rules.md (deterministic: another hash seed, and "On another day"),
    # docs/writing-a-county-plugin.md §8: "It reads no clock …: the kit's deterministic check
    # runs it on two days and fails if its answers move". The deadline and the complaint limits
    # are the plugin's answers too; the check compares only its rules' items and its conditions.
    report = check_plugin(plugin, "linjiang", others=[], max_examples=1)
    assert said in report.failures.get("deterministic", "")


def test_02_one_record_id_given_as_text_is_refused_as_evidence_not_split_into_characters() -> None:
    # docs/hooks.md: evidence is "a list or tuple of ids"; writing-a-county-plugin.md §8 says
    # mypy --strict checks it, but a str is a Sequence[str] to mypy, so Award(1, "…", c.id)
    # passes it and became ('C', '-', '1'): the engine then said "'C' is not a record id of the
    # dataset" with a fix about module-level caches. Refuse text, naming evidence.
    from softenv_core.plugin import Award, Failure

    with pytest.raises((TypeError, ValueError), match="evidence"):
        Award(1, "参加座谈会1次", "C-P-379981-2-2025-03")
    with pytest.raises((TypeError, ValueError), match="evidence"):
        Failure("超期", "Q1")
