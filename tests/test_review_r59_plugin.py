"""Reviewer r59 05: ``baseline_sla`` for plugin authors, with its day required.

docs/hooks.md sent plugin authors to ``softenv_core`` for ``baseline_sla`` (DESIGN: plugins see
only ``softenv_core.plugin``, which did not export it), and its ``on`` defaulted to the latest
day: a call without it gave the newest limits, a 2026 change's 10 working days for a 2025
complaint whose limit was 15."""

from __future__ import annotations

from datetime import date

import pytest

import softenv_core
import softenv_core.plugin as sp
from tests.review_r59_params import changed

RESOLVE_10 = {"complaint.resolve_workdays": {"complaint": 10, "report": 10, "suggestion": 5}}


def test_the_plugin_surface_exports_it_and_the_parameter_errors() -> None:
    for name in ("baseline_sla", "ParameterMissing", "ParameterUnknown", "FieldInvalid"):
        assert name in sp.__all__, name
        assert getattr(sp, name) is getattr(softenv_core, name)


def test_the_day_is_required_by_keyword() -> None:
    params = changed(RESOLVE_10)
    with pytest.raises(TypeError, match="'on'"):
        sp.baseline_sla(sp.ComplaintKind.COMPLAINT, params)  # type: ignore[call-arg]
    assert sp.baseline_sla(sp.ComplaintKind.COMPLAINT, params, on=date(2025, 6, 1)).resolve["complaint"] == 15
    assert sp.baseline_sla(sp.ComplaintKind.COMPLAINT, params, on=date(2026, 1, 1)).resolve["complaint"] == 10
