"""Representativeness of the roster (二(二)): points by county × size × ownership × sector,
and the gaps against the target (each county covers 工业, 商业, 服务业; the city covers every
size and the three main ownerships 国有, 外资, 民营)."""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime
from typing import Any, ClassVar

from attrs import field, frozen

from softenv_core._validators import to_tuple
from softenv_core.analyses.arguments import params_or_baseline
from softenv_core.analyses.audiences import Audience
from softenv_core.analyses.redaction import checked_audience
from softenv_core.analyses.roster_changes import known_roster
from softenv_core.engine.decimal_context import in_analysis_context
from softenv_core.engine.parameters import ParameterSet
from softenv_core.engine.trace import ParamValue
from softenv_core.io import converter as _converter
from softenv_core.io.validation import require_valid
from softenv_core.model.dataset import Dataset
from softenv_core.model.enterprises import Ownership, Sector
from softenv_core.model.periods import require_aware, require_day
from softenv_core.model.sizes import Size


@frozen
class Cell:
    """How many active points have this county, size, ownership and sector."""

    #: Its document's name, the surface's (``ProfileCell``): disclosure's Cell (``ShownCount``) was
    #: written ``softenv.cell`` too (integrator i49).
    PART_SCHEMA = "softenv.profile_cell"
    FORMER_SCHEMAS = ("softenv.cell",)

    county: str
    size: str
    ownership: str
    sector: str
    points: int


@frozen
class Gap:
    """Something the roster should cover and does not: ``scope`` is a county code or ``city``."""

    scope: str
    dimension: str  # sector | size | ownership
    missing: str
    missing_zh: str
    #: The county's name (None for ``city``, and in documents written before it was kept): a
    #: clerk reads 示范区(379902)缺服务业企业, as the adjustment sheet names it, not a bare code.
    scope_name: str | None = None


@frozen
class Representativeness:
    """The roster on a day, its cross-tabulation and its gaps (代表性)."""

    on: date
    points: int
    cells: tuple[Cell, ...] = field(converter=to_tuple)
    by_county: dict[str, int] = field(factory=dict)
    gaps: tuple[Gap, ...] = field(default=(), converter=to_tuple)
    params: tuple[ParamValue, ...] = field(default=(), converter=to_tuple)

    SCHEMA: ClassVar[str] = "softenv.representativeness"
    SCHEMA_VERSION: ClassVar[int] = 1

    def to_document(self) -> dict[str, Any]:
        """The result as a JSON-ready document (io.converter.to_document)."""
        return _converter.to_document(self)

    def to_json(self) -> str:
        """Canonical JSON (io.converter.to_json)."""
        return _converter.to_json(self)

    @classmethod
    def from_json(cls, text: str | bytes) -> Representativeness:
        """The result that :meth:`to_json` wrote, equal to it (io.converter.from_json; integrator
        i36: it wrote JSON it could not read back)."""
        return _converter.from_json(text, cls)


@in_analysis_context
def representativeness(
    dataset: Dataset,
    on: date,
    params: ParameterSet | None = None,
    *,
    audience: Audience | str,
    as_of: datetime | None = None,
) -> Representativeness:
    """The roster of points designated on ``on``, tabulated, with its gaps. An invalid dataset
    is refused (InputError), as by every analysis: two records of one enterprise would count twice.

    ``audience`` (阅读范围, required) is checked (one the dataset lacks is refused) and changes
    nothing: the tables count points by county, size, ownership and sector, no record of anyone
    (``FIELD_RULES``: kept for every audience, as in the year end).

    ``as_of`` (aware), when given: the roster on ``on`` as known at that instant, read with
    the roster changes known then (roster_changes.known_roster): a removal or addition nobody
    knew of yet does not count, though ``on`` is later. ``on`` is a date: an instant's day
    depends on its offset (give ``beijing_date(moment)``)."""
    require_day(on, "on")
    require_aware(as_of)
    require_valid(dataset)
    params = params_or_baseline(params)
    checked_audience(dataset, audience)  # a reader the dataset lacks is refused
    sectors_pv = params.get("roster.county_sectors", on)
    sizes_pv = params.get("roster.city_sizes", on)
    owners_pv = params.get("roster.city_ownerships", on)
    # The interval as the record and its roster changes (known at as_of) agree on it.
    active = [p for p in known_roster(dataset, as_of) if p.active_on(on)]
    cells = Counter(
        (p.county, p.enterprise.size.value, p.enterprise.ownership.value, p.enterprise.sector.value) for p in active
    )
    sectors_by_county: dict[str, set[str]] = {}
    for p in active:
        sectors_by_county.setdefault(p.county, set()).add(p.enterprise.sector.value)
    gaps = []
    # Only the counties that exist on the day: one abolished (or not yet created) has no
    # points to recruit (DESIGN "Who owes what, when": a county exists effective_from/until).
    for county in sorted((c for c in dataset.counties if c.active_on(on)), key=lambda c: c.code):
        have = sectors_by_county.get(county.code, set())
        for sector in sectors_pv.texts():
            if sector not in have:
                gaps.append(Gap(county.code, "sector", sector, Sector.from_value(sector).zh, county.name))
    sizes = {p.enterprise.size.value for p in active}
    gaps += [Gap("city", "size", s, Size.from_value(s).zh) for s in sizes_pv.texts() if s not in sizes]
    owners = {p.enterprise.ownership.value for p in active}
    gaps += [Gap("city", "ownership", o, Ownership.from_value(o).zh) for o in owners_pv.texts() if o not in owners]
    return Representativeness(
        on=on,
        points=len(active),
        cells=tuple(Cell(*k, v) for k, v in sorted(cells.items())),
        by_county=dict(sorted(Counter(p.county for p in active).items())),
        gaps=tuple(gaps),
        params=(sectors_pv, sizes_pv, owners_pv),
    )


#: Cell's name on the public surface (``softenv_core.ProfileCell``): ``Cell`` also names the
#: trends' shown count (analyses.disclosure), so the surface names each by what it holds.
ProfileCell = Cell

__all__ = ["Cell", "Gap", "ProfileCell", "Representativeness", "representativeness"]
