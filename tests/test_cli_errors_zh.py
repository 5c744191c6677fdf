"""The errors a county clerk meets first, said in Chinese with the way out (clerk findings 06
and 16): a mistake in the city's own parameter files is the core's, not the first plugin's to
load; a plugin that fails shows its inner problem a line each; a year without its official
arrangement names the options by their flags."""

from __future__ import annotations

import pytest

from softenv_core.cli.output import error_text
from softenv_core.engine import manager
from softenv_core.errors import CalendarDataMissing, InputError, PluginLoadError


def test_a_mistake_in_the_city_parameter_files_is_reported_as_the_core_s_before_any_plugin_loads(monkeypatch):
    def broken() -> None:
        raise InputError(
            ["$.parameters[6].values[1]: unknown field(s) reference"], "softenv_core/rules/city/parameters/duty.json"
        )

    loaded: list[str] = []
    monkeypatch.setattr(manager, "baseline_parameters", broken)
    monkeypatch.setattr(manager.metadata, "entry_points", lambda group: loaded.append(group) or [])
    with pytest.raises(InputError) as info:
        manager.SoftenvPluginManager().load_entry_points()
    assert not isinstance(info.value, PluginLoadError)
    assert info.value.source.endswith("duty.json")
    assert loaded == []  # refused before any plugin was looked for, let alone blamed


def _load_error() -> PluginLoadError:
    inner = InputError(["$.parameters[0].value: expected a number", "$.parameters[1].name: missing"], "duty.json")
    try:
        try:
            raise inner
        except InputError as exc:
            raise PluginLoadError("baihe", "softenv-county-baihe", "1.0.0", f"InputError: {exc}") from exc
    except PluginLoadError as err:
        return err


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_plugin_that_fails_to_load_shows_its_inner_problems_a_line_each(lang):
    text = error_text(_load_error(), lang)
    lines = text.splitlines()
    assert "\\n" not in text  # not one line with its newlines escaped
    assert "softenv-county-baihe 1.0.0" in lines[0]
    assert any(line.strip() == "$.parameters[0].value: expected a number" for line in lines)
    assert any(line.strip().startswith("$.parameters[1].name: missing") for line in lines)
    if lang == "zh":
        assert lines[0].startswith("插件 'baihe'") and "无法加载" in lines[0]
        assert "SOFTENV_PLUGINS=a,b" in text


def test_a_year_without_its_official_arrangement_names_the_options_by_their_flags_in_chinese():
    text = error_text(CalendarDataMissing(2027, (2004, 2026)), "zh")
    assert text.startswith("尚无 2027 年的国务院节假日安排")
    for flag in ("--as-of 20", "--provisional", "--calendar"):
        assert flag in text
    assert "WorkCalendar" not in text  # a Python name means nothing to a clerk
    assert "WorkCalendar" in error_text(CalendarDataMissing(2027, (2004, 2026)), "en")  # the library's own words
