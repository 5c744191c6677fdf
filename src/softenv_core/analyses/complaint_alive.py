"""Which complaints are alive in a period: received before its end and not finished before
its start, in the order received (``Dataset.complaint_spans``' order).

A month's report reads those of its month and its trends' months; a batch of twelve reads
two dozen. Scanning the spans from the first each time walks every complaint finished long
ago again (the spans are sorted by reception, not by end), so a batch indexes them once it
has scanned as many spans as the index costs to build.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from datetime import datetime

from softenv_core.model.complaints import Complaint
from softenv_core.model.periods import since_epoch

#: (received, finished or None, complaint), sorted by received: ``Dataset.complaint_spans``.
Spans = Sequence[tuple[datetime, datetime | None, Complaint]]


class AliveIndex:
    """The spans of a dataset's complaints, asked for those alive in a period.

    Internal to one batch (never shared between threads). Until the index is built, a
    question scans the spans from the first, as the reports always did; once the scans have
    read as many spans as there are, the index is built: the positions of the complaints
    never finished, and the finished ones by blocks of consecutive positions with the latest
    end in each, so that a question skips whole blocks that ended before the period began.
    """

    __slots__ = ("_blocks", "_never", "_received", "_scanned", "_spans")

    def __init__(self, spans: Spans) -> None:
        self._spans = spans
        self._scanned = 0
        self._received: list[datetime] | None = None  # None until the index is built
        self._never: list[int] = []
        self._blocks: list[tuple[datetime, int, list[tuple[int, datetime]]]] = []

    def alive(self, begin: datetime, at: datetime, ending: bool = True) -> list[Complaint]:
        """Complaints received before ``at`` (``ending``: ``at`` ends a period, and one received
        at it is the next period's) or by ``at`` (not ``ending``: an instant, which reads what is
        stamped at it), and not finished before ``begin``, in span order."""
        if self._received is None:
            if self._scanned < len(self._spans):
                return self._scan(begin, at, ending)
            self._build()
        return self._indexed(begin, at, ending)

    def _scan(self, begin: datetime, at: datetime, ending: bool) -> list[Complaint]:
        out = []
        read = 0
        for received_at, finished_at, comp in self._spans:
            read += 1
            if not received_by(received_at, at, ending):
                break
            if finished_at is not None and finished_at < begin:
                continue
            out.append(comp)
        self._scanned += read
        return out

    def _build(self) -> None:
        received: list[datetime] = []
        never = self._never  # the positions of the complaints never finished (alive from then on)
        finished: list[tuple[int, datetime]] = []
        # One pass: the spans lie scattered in memory, and reading each costs more than the test.
        for i, (start, end, _) in enumerate(self._spans):
            received.append(start)
            if end is None:
                never.append(i)
            else:
                finished.append((i, end))
        self._received = received
        # The finished ones in span order by blocks, each with its latest end: a block that
        # ended before a period's start is skipped whole (most are, long ago).
        # The latest by duration (model.periods.EPOCH: in one summer-time zone object the
        # clock is blind to the repeated hour).
        self._blocks = [
            (max((end for _, end in block), key=since_epoch), block[0][0], block)
            for block in (finished[k : k + _BLOCK] for k in range(0, len(finished), _BLOCK))
        ]

    def _indexed(self, begin: datetime, at: datetime, ending: bool) -> list[Complaint]:
        assert self._received is not None
        # The first received at or after ``at`` (ending), or after it.
        cut = (bisect_left if ending else bisect_right)(self._received, at)
        positions = self._never[: bisect_left(self._never, cut)]
        for latest, first, block in self._blocks:
            if first >= cut:
                break
            if latest < begin:
                continue
            positions += [i for i, end in block if i < cut and end >= begin]
        positions.sort()
        spans = self._spans
        return [spans[i][2] for i in positions]


def received_by(received_at: datetime, at: datetime, ending: bool) -> bool:
    """Whether a complaint received at ``received_at`` is known at ``at``: received before it,
    or at it unless ``at`` ends a period (then one received at it is the next period's,
    docs/complaints.md "An instant")."""
    return received_at < at or (not ending and received_at == at)


#: Finished complaints per block of the index: small enough that a block holding one
#: long-open complaint costs little to read, large enough that skipping blocks is quick.
_BLOCK = 32


__all__ = ["AliveIndex", "Spans", "received_by"]
