"""When a county's filing (备案, 三(五)) of a roster change is in time.

DESIGN "Annual adjustment": county changes need a filing with the city dated before they take
effect. A county that comes into existence on a day (``County.effective_from``) cannot file
anything before that day: the first points it designates from its first day could be filed in
time only by a filing dated before the county existed (auditor a42). Such a change is in time
when filed on the county's first day itself, the earliest day the county could file; any other
change keeps the rule (filed on a day before the one it takes effect).
"""

from __future__ import annotations

from datetime import date

from softenv_core.analyses import adjustment_words as AW
from softenv_core.model.dataset import Dataset
from softenv_core.model.roster import RosterChange


def filed_in_time(dataset: Dataset, change: RosterChange, filed_on: date) -> str | None:
    """Why a filing on ``filed_on`` of ``change`` is in time (已于生效前备案, or filed on the
    county's first day for a change effective that day); None when it is late."""
    if filed_on < change.effective:
        return AW.FILED_IN_TIME()
    county = dataset.county_by_code.get(change.county)
    first = None if county is None else county.effective_from
    if first is not None and change.effective == first and filed_on == first:
        return f"已于县区设立当日（{first}）备案：县区自该日起设立，无法更早备案"
    return None


__all__ = ["filed_in_time"]
