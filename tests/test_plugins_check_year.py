"""`softenv plugins --check --year 2026` stopped on 2027's missing calendar with the advice to add
--provisional, and with --provisional gave the same advice again: the check tries the year's
months with the official calendar alone (plugin author p39). A year it cannot check is now
refused up front naming the years it can, in both languages, exit 1 and no traceback. The
calendar's last year is checked but for its December, whose report is due in a year the
calendar does not know (plugin author p49 01: tests/test_plugin_p49.py)."""

from __future__ import annotations

import pytest

from softenv_core.cli.main import main
from softenv_core.workdays.calendar import official_years

FIRST, LAST = official_years()


@pytest.mark.parametrize("extra", [[], ["--provisional"]])
def test_a_year_past_the_calendar_names_the_years_it_can_check(
    extra: list[str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOFTENV_DISABLE_PLUGIN_AUTOLOAD", "1")
    code = main(["plugins", "--check", "--year", str(LAST + 1), *extra])
    err = capsys.readouterr().err
    assert code == 1 and "Traceback" not in err
    assert f"{FIRST}–{LAST}" in err and "--provisional、--calendar 不用于检查" in err
    assert "加 --provisional" not in err  # the advice that changed nothing


def test_the_english_message_says_the_same(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOFTENV_DISABLE_PLUGIN_AUTOLOAD", "1")
    assert main(["plugins", "--check", "--year", str(LAST + 1), "--lang", "en"]) == 1
    err = capsys.readouterr().err
    assert f"check a year from {FIRST}–{LAST}" in err


def test_a_known_year_is_checked(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOFTENV_DISABLE_PLUGIN_AUTOLOAD", "1")
    assert main(["plugins", "--check", "--year", str(LAST - 1), "--examples", "1"]) == 0
    assert "checked 0 plugin(s)" in capsys.readouterr().out
