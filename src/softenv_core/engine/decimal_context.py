"""The decimal context every public analysis runs in: defined in the foundation
(softenv_core/_decimal_context.py), so that io's readers use it too (integrator i48); kept
here under its former name for the analyses and renderers that import it from the engine."""

from __future__ import annotations

from softenv_core._decimal_context import ANALYSIS_CONTEXT, in_analysis_context

__all__ = ["ANALYSIS_CONTEXT", "in_analysis_context"]
