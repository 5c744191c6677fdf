"""How a request's analysis runs: in a worker thread, with its own plugin manager and calendar.

Nothing an analysis touches is shared between requests. Also here: the rows of the plugin
listing, and the office extra's .docx writer, which this installation may lack.
"""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Awaitable, Callable
from typing import Any

import anyio
import anyio.to_thread

from softenv_core._perf import gc_pause_allowed
from softenv_core.engine.manager import SoftenvPluginManager
from softenv_core.engine.parameters import baseline_parameters
from softenv_core.errors import OFFICE_HINT, OFFICE_HINT_ZH, InputProblem
from softenv_core.rules.registry import get_plugin_manager
from softenv_core.service.config import ServiceConfig
from softenv_core.service.problems import Problem
from softenv_core.workdays.calendar import CalendarMode, WorkCalendar, YearArrangement


def analysis_limiter(config: ServiceConfig) -> anyio.CapacityLimiter:
    """How many analyses one worker process runs at once (``config.analyses_at_once``).

    Analyses are pure Python: threads of one process share one interpreter lock, so a second
    analysis at once adds no speed, only a second dataset in memory. The requests past it wait
    with their body (a few MB) rather than with its parsed records (ten times that); the
    event loop keeps accepting, refusing and logging meanwhile.
    """
    return anyio.CapacityLimiter(config.analyses_at_once)


def in_worker(fn: Callable[[], Any], limiter: anyio.CapacityLimiter) -> Awaitable[Any]:
    def run() -> Any:
        token = gc_pause_allowed.set(False)  # the collector is process-wide: never pause it here
        try:
            return fn()
        finally:
            gc_pause_allowed.reset(token)

    return anyio.to_thread.run_sync(run, limiter=limiter)


class RequestContext:
    """What one request needs to run an analysis: built per request, never shared."""

    def __init__(self, config: ServiceConfig, arrangements: tuple[YearArrangement, ...]) -> None:
        self.pm: SoftenvPluginManager = get_plugin_manager()
        mode = CalendarMode.PROVISIONAL if config.provisional else CalendarMode.STRICT
        self.calendar = WorkCalendar(mode, arrangements)


def plugin_rows(pm: SoftenvPluginManager, year: int) -> list[dict[str, Any]]:
    """The loaded plugins as ``softenv plugins --format json`` lists them."""
    return pm.plugin_rows(year, baseline_parameters())


#: The Word documents are Chinese official documents: another lang is refused on the query,
#: before the body is read, in the service's words (the library's named --lang: i36).
DOCX_LANG = InputProblem(
    "query.lang",
    "format=docx is the Chinese official document (GB/T 9704): give lang=zh or leave lang out",
    None,
    "Word 文件是中文公文（GB/T 9704）：请用 lang=zh 或不写 lang",
)

#: The Word writer of each operation answering in .docx: its module (the core's) and function.
DOCX_WRITERS = {
    "report": ("softenv_core.render.docx_report", "write_report_docx"),
    "yearend": ("softenv_core.render.docx_yearend", "write_yearend_docx"),
}


def docx_writer(lang: str = "zh", asked_by: str = "query.format", operation: str = "report") -> Callable[..., None]:
    """The office extra's .docx writer of ``operation`` (the monthly report's, the year end's), or
    a 422 problem when this installation lacks it or ``lang`` is not zh; ``asked_by`` names what
    asked for the .docx (``format=``, or the ``Accept`` header: ``header.accept``)."""
    if lang != "zh":
        raise Problem(422, "format-unavailable", "Format unavailable", DOCX_LANG.message, [DOCX_LANG])
    name, function = DOCX_WRITERS[operation]
    problem = Problem(
        422,
        "format-unavailable",
        "Format unavailable",
        "format=docx needs the office extra's renderer (python-docx), which this installation lacks "
        f"({OFFICE_HINT}); or ask for format=json or markdown",
        [
            InputProblem(
                asked_by,
                "docx is not available in this installation",
                None,
                f"本安装缺少 Word 渲染器（python-docx）：{OFFICE_HINT_ZH}；或改用 json、markdown 格式",
            )
        ],
    )
    try:
        # The renderer's module is the core's, always there; python-docx is the extra's (i36:
        # the report was made, then the missing library refused it, named on query.lang).
        if importlib.util.find_spec(name) is None or importlib.util.find_spec("docx") is None:
            raise problem
        writer = getattr(importlib.import_module(name), function, None)
    except ImportError:  # the module is there but python-docx is not
        raise problem from None
    if not callable(writer):
        raise problem
    return writer  # type: ignore[no-any-return]


__all__ = ["RequestContext", "analysis_limiter", "docx_writer", "in_worker", "plugin_rows"]
