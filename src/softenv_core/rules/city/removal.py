"""Which duty band (考评等次) proposes a point's removal at the annual adjustment (动态调整, 三(五)).

The seed says only that points are adjusted 根据其履行职责情况 (by their duty performance); that a
point rated 不合格 is proposed for removal is the city's decision, a dated parameter
(``roster.removal_band``) like the nominee's band (``commendation.nominee_band``). The
adjustment's proposals and the check of removals recorded for 考评不合格 read it alike, so a
removal the adjustment proposed is never flagged once recorded.
"""

from __future__ import annotations

from datetime import date

from attrs import frozen

from softenv_core.engine.parameters import ParameterSet
from softenv_core.engine.ruletypes import Band
from softenv_core.engine.trace import ParamValue
from softenv_core.errors import InputError

#: Bands best first, as ``Band`` lists them: a band's index grows as it gets worse.
_ORDER = tuple(Band)


@frozen
class RemovalBand:
    """The band at or below which a point is proposed for removal (建议撤销的考评等次), read once."""

    band: Band
    param: ParamValue

    @classmethod
    def of(cls, params: ParameterSet, year: int) -> RemovalBand:
        """The band in force for ``year``'s adjustment, read on its last day as year-end figures are."""
        pv = params.get("roster.removal_band", date(year, 12, 31))
        try:
            return cls(Band.of(pv.text()), pv)
        except ValueError as e:  # FieldInvalid (not text) is a ValueError too
            raise InputError([f"parameter roster.removal_band: {e}"]) from None

    def proposes(self, band: Band) -> bool:
        """Whether a point rated ``band`` is proposed for removal: this band or a worse one."""
        return _ORDER.index(band) >= _ORDER.index(self.band)


def removal_ground_zh(band: Band) -> str:
    """The ground of a removal at the adjustment (撤销理由) as a document names it, for the
    removal band ``band``: 考评不合格 at the baseline's (the worst band, the record's reason
    ``ChangeReason.UNQUALIFIED`` as the workbook labels it), 考评合格及以下 when the city set
    合格 (a removal proposed for a 合格 point was labelled 考评不合格: review c42)."""
    return f"考评{band.zh}" if band is _ORDER[-1] else f"考评{band.zh}及以下"


def above_band_zh(band: Band) -> str:
    """A band the removal band ``band`` does not propose removal at, as the flagged removals'
    heading says it: 并非不合格 at the baseline's, 优于合格 when the city set 合格."""
    return f"并非{band.zh}" if band is _ORDER[-1] else f"优于{band.zh}"


def above_band_en(band: Band) -> str:
    """The same in the English year end: did not rate it 不合格, rated it above 合格."""
    return f"did not rate it {band.zh}" if band is _ORDER[-1] else f"rated it above {band.zh}"


__all__ = ["RemovalBand", "above_band_en", "above_band_zh", "removal_ground_zh"]
