"""Read-only views of analysis results that a plugin's context hands out.

``CountyYear.complaint_status(complaint, at)`` answers with a complaint's status, which the
analyses layer computes (``softenv_core.analyses.complaint_handling.ComplaintStatus``).
The engine sits below the analyses and cannot name that class, so a plugin sees it through
these protocols: typed (no ``Any``), read-only, and satisfied by the real classes (mypy
checks that where the context is built).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Protocol


class StepView(Protocol):
    """One step of a complaint (受理, 签收, 办结, 回访, 结案): opened, due, done, by which unit."""

    @property
    def name(self) -> str: ...  # "accept" | "assign" | "sign" | "resolve" | "follow_up" | "close"
    @property
    def opened_at(self) -> datetime: ...
    @property
    def due_at(self) -> datetime | None: ...  # None: no limit
    @property
    def done_at(self) -> datetime | None: ...
    @property
    def unit(self) -> str | None: ...
    @property
    def extended_by(self) -> int: ...
    @property
    def on_time(self) -> bool | None: ...  # None: open, no limit, or withdrawn by its due moment
    @property
    def withdrawn(self) -> bool: ...  # ended undone by the complainant's withdrawal (撤回); done_at is then its moment


class ComplaintView(Protocol):
    """A complaint (投诉) at an instant: its open step, when due, how overdue, its steps."""

    @property
    def complaint(self) -> str: ...  # the complaint's id
    @property
    def at(self) -> datetime: ...
    @property
    def open_step(self) -> str | None: ...  # None when finished
    @property
    def due_at(self) -> datetime | None: ...
    @property
    def overdue_workdays(self) -> int: ...
    @property
    def supervision_due(self) -> bool: ...
    @property
    def unit(self) -> str | None: ...
    @property
    def steps(self) -> Sequence[StepView]: ...
    @property
    def overdue(self) -> bool: ...
    @property
    def provisional(self) -> bool: ...  # a due moment or overdue count read a weekends-only year


__all__ = ["ComplaintView", "StepView"]
