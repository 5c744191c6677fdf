"""Review r52 of a day's changes (the complaint limits' every-day sweep and its key, the screening
memo, the Word cells and workbook styles, the testers x51, c50 and a54's fixes).

01. The redactor remembered screened texts by ``==``: a str subclass equal to any text took
    another text's screening. Fixed: only exact ``str`` is remembered.
02. Two distributions sharing an entry point name, one METADATA without a Name: a TypeError, not
    the PluginError. Fixed: "unknown".
03. A ComplaintSla subclass whose property raises escaped the sweep as a bare error. Fixed: a
    PluginError naming plugin, county, kind and day.
04. A county's cited parameters as a tuple subclass: checked on one read, shown from another.
    Fixed: copied from the tuple's own items (sla_answers.detached).
05. The same on a county's deadline (its params, facts and calendar sources). Fixed: a tuple
    subclass is made a plain tuple when the Deadline is made (deadline_types.exact_tuple).
06. Limits in a Mapping that raises when read escaped check_sla. Fixed: a PluginError.
07. A PluginError a plugin raises itself, naming another plugin (the city), is named after the
    plugin that raised it by ``call_each``, the name it gave kept in the message (errors.raised_by). Fixed.
08. ``--as-of 2025年2月30日`` was given ``2025-02-30T…`` as the example to write. Fixed.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import date, datetime
from importlib import metadata
from typing import Any

import attrs
import pytest

from softenv_core import SoftenvPluginManager, get_plugin_manager
from softenv_core.analyses.audiences import Audience
from softenv_core.analyses.complaint_limits import require_limits_sound
from softenv_core.analyses.redaction import _Redactor
from softenv_core.cli.common import as_of_arg
from softenv_core.engine.deadlines import monthly_deadline
from softenv_core.engine.manager import _refuse_shared_names
from softenv_core.engine.parameters import baseline_parameters
from softenv_core.engine.resolution import resolve_deadline
from softenv_core.engine.sla_answers import resolve_sla_by
from softenv_core.engine.trace import ParamValue
from softenv_core.errors import PluginError, SoftenvError
from softenv_core.model.periods import BEIJING, Month
from softenv_core.plugin import ComplaintKind, ComplaintSla, Deadline, PluginInfo, hookimpl
from softenv_core.testing.builders import small_dataset
from softenv_core.workdays.calendar import WorkCalendar


class _EqualToAll(str):
    """A plugin's text (a deadline parameter's value may be any str) that says it equals any text."""

    target = ""

    def __eq__(self, other: object) -> bool:
        return True

    def __hash__(self) -> int:
        return hash(self.target)


def test_a_screened_text_is_not_answered_for_another_text_equal_by_its_own_eq() -> None:
    # _Redactor.text remembers screened texts by the text: a str subclass equal to everything,
    # hashed as a record's text, made that text shown as the plugin's own.
    dataset = attrs.evolve(small_dataset(), complaints=())
    r = _Redactor(dataset, Audience.parse("public"), 3)
    target = "企业反映办事难"
    _EqualToAll.target = target
    r.text(_EqualToAll("插件的文字"))
    shown = r.text(target)
    assert type(shown) is str and str.__eq__(shown, target)  # not the plugin's text


class _Dist(metadata.Distribution):
    """An installed distribution whose METADATA is ``text`` (one written by hand: no Name)."""

    def __init__(self, text: str) -> None:
        self._text = text

    def read_text(self, filename: str) -> str | None:
        return self._text if filename == "METADATA" else None

    def locate_file(self, path: Any) -> Any:
        return path


def test_two_distributions_sharing_an_entry_point_name_are_refused_by_name_even_without_a_name_header() -> None:
    # _dist_of reads METADATA's Name and Version as dist.name and dist.version did: None where
    # the header is missing, which " ".join refused with a TypeError, not the PluginError.
    eps = [
        metadata.EntryPoint("xicheng", f"mod{i}:plugin", "softenv")._for(_Dist(text))
        for i, text in enumerate(["Metadata-Version: 2.1\nVersion: 1.0\n", "Name: softenv-county-b\nVersion: 2\n"])
    ]
    with pytest.raises(PluginError, match="softenv-county-b 2"):
        _refuse_shared_names(eps)


_CITY = {"complaint": 15, "report": 15, "suggestion": 5}


class _Raising(ComplaintSla):
    """A ComplaintSla whose ``follow_up`` (or ``resolve``) raises when read."""

    field = "follow_up"

    def __getattribute__(self, name: str) -> Any:
        if name == type(self).field:
            raise RuntimeError("not today")
        return super().__getattribute__(name)


def _raising_county(field: str) -> SoftenvPluginManager:
    cls = type("Raising", (_Raising,), {"field": field})

    class County:
        @hookimpl
        def softenv_plugin_info(self) -> PluginInfo:
            return PluginInfo(county="379903", title="南城区", reference="南经贸〔2025〕1号")

        @hookimpl
        def softenv_complaint_sla(self, kind: ComplaintKind, on: date) -> ComplaintSla:
            return cls(1, 1, dict(_CITY), 15, 2, "南")

    return get_plugin_manager(autoload=False, plugins=[("nancheng", County())])


@pytest.mark.parametrize("field", ["follow_up", "resolve"])
def test_an_answer_that_raises_when_read_is_a_plugin_error_naming_the_plugin_county_and_day(field: str) -> None:
    # settle_sla's copy (detached) and answers_key read the answer's fields outside any hook
    # call: a subclass's property raising escaped the sweep as the bare RuntimeError.
    until = datetime(2024, 3, 2, 12, tzinfo=BEIJING)
    with pytest.raises(PluginError, match=r"'nancheng'.*RuntimeError: not today.*379903 for complaint on 2022-03-01"):
        require_limits_sound(_raising_county(field), WorkCalendar(), baseline_parameters(), until, 2024)


_GOOD = ParamValue("county.379903.resolve_days", 10, date(2024, 1, 1), "南经贸〔2025〕1号")
_BAD = ParamValue("duty.extra_cap", 50, date(2024, 1, 1), "made up")  # a city figure it is not


class _Turning(tuple):  # type: ignore[type-arg]
    """Its own parameter while checked, a made-up city figure once ``turned`` (after the answer's checks)."""

    turned = False

    def __iter__(self) -> Any:
        return iter((_BAD,) if _Turning.turned else (_GOOD,))


def test_the_settled_limits_cite_the_parameters_that_were_checked() -> None:
    # detached copied params only when exactly a tuple or list: a subclass was passed through, its
    # items checked on one iteration and shown (explain --county) from another.
    class County:
        @hookimpl
        def softenv_plugin_info(self) -> PluginInfo:
            return PluginInfo(county="379903", title="南城区", reference="南经贸〔2025〕1号")

        @hookimpl
        def softenv_complaint_sla(self, kind: ComplaintKind, on: date) -> ComplaintSla:
            _Turning.turned = False
            return ComplaintSla(1, 1, dict(_CITY), 15, 2, "南", params=_Turning((_GOOD,)))

    pm = get_plugin_manager(autoload=False, plugins=[("nancheng", County())])
    on = date(2025, 3, 3)
    sla, _ = resolve_sla_by(pm, "379903", ComplaintKind.COMPLAINT, WorkCalendar(), baseline_parameters(), on)
    _Turning.turned = True
    assert list(sla.params) == [_GOOD]


def test_a_county_deadline_cites_the_parameters_that_were_checked() -> None:
    # The same trick as the complaint limits' (r52 04) on softenv_report_deadline: check_params
    # iterates the answer's params once, the explanation again.
    class County:
        @hookimpl
        def softenv_plugin_info(self) -> PluginInfo:
            return PluginInfo(county="379903", title="南城区", reference="南经贸〔2025〕1号")

        @hookimpl
        def softenv_report_deadline(self, county: Any, month: Month, calendar: WorkCalendar) -> Deadline:
            _Turning.turned = False
            d = monthly_deadline(calendar, month, 3, rule_id="county.379903.deadline", reference="南")
            return attrs.evolve(d, params=_Turning((_GOOD,)))

    pm = get_plugin_manager(autoload=False, plugins=[("nancheng", County())])
    county = next(c for c in small_dataset(2025, ("379903",)).counties if c.code == "379903")
    d = resolve_deadline(pm, county, Month(2025, 3), WorkCalendar.provisional(), baseline_parameters())
    _Turning.turned = True
    assert list(d.params) == [_GOOD]


class _Unreadable(Mapping[str, int]):
    """Limits by kind that raise when read."""

    def __getitem__(self, key: str) -> int:
        raise RuntimeError("not today")

    def __iter__(self) -> Iterator[str]:
        raise RuntimeError("not today")

    def __len__(self) -> int:
        return 3


def test_limits_of_a_mapping_that_raises_when_read_are_a_plugin_error() -> None:
    # detached kept a resolve it could not copy "for check_sla to name": check_sla read it again
    # and the RuntimeError escaped, naming no plugin.
    class County:
        @hookimpl
        def softenv_plugin_info(self) -> PluginInfo:
            return PluginInfo(county="379903", title="南城区", reference="南经贸〔2025〕1号")

        @hookimpl
        def softenv_complaint_sla(self, kind: ComplaintKind, on: date) -> ComplaintSla:
            return ComplaintSla(1, 1, _Unreadable(), 15, 2, "南")

    pm = get_plugin_manager(autoload=False, plugins=[("nancheng", County())])
    with pytest.raises(PluginError, match=r"'nancheng'.*RuntimeError: not today"):
        resolve_sla_by(pm, "379903", ComplaintKind.COMPLAINT, WorkCalendar(), baseline_parameters(), date(2025, 3, 3))


def test_a_plugin_raising_a_plugin_error_is_named_itself() -> None:
    class County:
        @hookimpl
        def softenv_plugin_info(self) -> PluginInfo:
            return PluginInfo(county="379903", title="南城区", reference="南经贸〔2025〕1号")

        @hookimpl
        def softenv_complaint_sla(self, kind: ComplaintKind, on: date) -> ComplaintSla:
            raise PluginError("city", "softenv_complaint_sla", "the city's limits are broken")

    pm = get_plugin_manager(autoload=False, plugins=[("nancheng", County())])
    with pytest.raises(PluginError) as raised:
        resolve_sla_by(pm, "379903", ComplaintKind.COMPLAINT, WorkCalendar(), baseline_parameters(), date(2025, 3, 3))
    assert raised.value.plugin == "nancheng"
    # The name it gave is kept in the message, with what it said.
    assert "naming plugin 'city'" in str(raised.value) and "the city's limits are broken" in str(raised.value)


def test_as_of_written_as_a_day_that_does_not_exist_is_told_which_part_not_given_it_as_the_example() -> None:
    # c50 made the example the day typed (2025年3月20日 → 2025-03-20T00:00:00+08:00): 2025年2月30日
    # was told to write 2025-02-30T00:00:00+08:00, which fails again.
    with pytest.raises(SoftenvError) as raised:
        as_of_arg("2025年2月30日")
    assert "2025-02-30T" not in str(raised.value.zh) and "只有 28 天" in str(raised.value.zh)
