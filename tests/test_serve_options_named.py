"""`softenv serve` names the option that is not positive, with its value (integrator i36): a
`--workers 0` was told `--max-in-flight, --workers, --analyses-at-once and --max-body-mb must be
positive`, four options for one fault."""

import pytest

pytest.importorskip("uvicorn")

from softenv_core.cli.main import main
from softenv_core.service.config import ENV


@pytest.mark.parametrize(
    ("option", "value"),
    [("--workers", "0"), ("--max-in-flight", "-2"), ("--analyses-at-once", "0"), ("--max-connections", "0")],
)
def test_the_option_not_positive_is_named_alone(capsys, monkeypatch, option, value):
    import uvicorn

    monkeypatch.setenv(ENV, "")
    monkeypatch.setattr(uvicorn, "run", lambda *a, **k: pytest.fail("the service started"))
    assert main(["serve", "--port", "1", option, value]) == 1
    err = capsys.readouterr().err
    assert f"{option} {value}: must be positive" in err
    others = {"--workers", "--max-in-flight", "--analyses-at-once", "--max-body-mb", "--max-connections"} - {option}
    assert not [o for o in others if o in err], err


def test_two_options_not_positive_are_both_named(capsys, monkeypatch):
    import uvicorn

    monkeypatch.setenv(ENV, "")
    monkeypatch.setattr(uvicorn, "run", lambda *a, **k: pytest.fail("the service started"))
    assert main(["serve", "--port", "1", "--workers", "0", "--max-body-mb", "-1"]) == 1
    err = capsys.readouterr().err
    assert "--workers 0: must be positive" in err and "--max-body-mb -1: must be a finite positive number" in err
