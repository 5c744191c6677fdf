"""`softenv plugins new …` (the listing command's name, plural) answered only "无法识别的参数 new
--county 379923" (plugin author p37, who typed it from the brief): the writer is `softenv plugin
new`. The error now says so, and still exits 2 without a traceback."""

from __future__ import annotations

import pytest

from softenv_core.cli.main import main


def test_plugins_new_points_to_plugin_new(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["plugins", "new", "--county", "379923", "--name", "yunling"])
    assert stopped.value.code == 2
    err = capsys.readouterr().err
    assert "softenv plugin new" in err and "Traceback" not in err


def test_plugins_alone_still_lists(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOFTENV_DISABLE_PLUGIN_AUTOLOAD", "1")
    assert main(["plugins"]) == 0
    assert "city" in capsys.readouterr().out
