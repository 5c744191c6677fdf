"""What an assessment was made from (出处), so that a later analysis given it can tell it is of
the same data (platform 09): ``year_end``, ``check_commendation`` and ``propose_adjustments``
take an assessment made earlier (a night's run kept by a platform), and one made before a
clerk's correction would pass a nominee the data no longer supports, without a word.

The dataset's fingerprint is cheap by design: the number of records in each collection the
assessment reads (:data:`ASSESSED`) and a SHA-256 of their sorted ids (a rating's round,
rater and department), computed once per Dataset object (kept by ``id()`` with a weak
reference, as io.checked keeps the validation). It tells
a record added, removed or renamed; it does not tell a field edited in place under the same id
(a contact's ``reached`` corrected): a digest of the whole canonical JSON would, at the cost
of writing a province's 720,000 contacts out on every call. The parameters' fingerprint is a
SHA-256 of their canonical JSON (a few dozen values).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from operator import attrgetter
from typing import Any

from attrs import frozen

from softenv_core.analyses.per_dataset import PerDataset
from softenv_core.engine.held_memo import HeldMemo
from softenv_core.engine.parameters import ParameterSet
from softenv_core.errors import SoftenvError
from softenv_core.io.checked import require_dataset
from softenv_core.model.dataset import Dataset


@frozen
class Provenance:
    """The fingerprints of the dataset and the parameters an assessment was made from, each
    ``sha256:`` and 64 hex digits."""

    dataset: str
    parameters: str


#: The collections an assessment reads; the others (nominations, decisions, filings, topics,
#: follow-ups, suggestions, guarantees) are read by the year end itself, from the dataset given,
#: so adding a commendation decision does not make yesterday's assessment stale.
ASSESSED = (
    "counties",
    "departments",
    "points",
    "contacts",
    "reports",
    "complaints",
    "appraisal_rounds",
    "ratings",
    "roster_changes",
    "waivers",
)


def _key(record: Any) -> str:
    """A record's identity in its collection: its id (a county's code; a rating's round,
    rater and department, its unique key)."""
    for name in ("id", "code"):
        value = getattr(record, name, None)
        if isinstance(value, str):
            return value
    return "\t".join(str(getattr(record, name, "")) for name in ("round", "rater", "department"))


_RATING_KEY = (attrgetter("round"), attrgetter("rater"), attrgetter("department"))


def _keys(name: str, records: Sequence[Any]) -> Iterable[str]:
    """``_key`` of each of a collection's records, by C-level maps where the collection's key
    field is known: a province's 600,000 ratings took a third of a second record by record,
    paid by the first assessment of every pipeline."""
    if name == "counties":
        return map(attrgetter("code"), records)
    if name == "ratings":
        return map("\t".join, zip(*(map(get, records) for get in _RATING_KEY), strict=True))
    if all(type(getattr(r, "id", None)) is str for r in records[:1]):
        return map(attrgetter("id"), records)
    return map(_key, records)


def _fingerprint(dataset: Dataset) -> str:
    digest = hashlib.sha256(f"city {dataset.city.code}\n".encode())
    for name in ASSESSED:
        records = getattr(dataset, name)
        digest.update(f"{name} {len(records)}\n".encode())
        # Sorted: the order of the records changes no result (nor, then, the fingerprint).
        digest.update("\n".join(sorted(_keys(name, records))).encode())
    return f"sha256:{digest.hexdigest()}"


_fingerprints = PerDataset(_fingerprint)


def dataset_fingerprint(dataset: Dataset) -> str:
    """The dataset's fingerprint: its collections' sizes and record ids, hashed (once per object)."""
    return _fingerprints(dataset)


def _plain(value: Any) -> Any:
    """A parameter value as plain JSON (frozen mappings and tuples as objects and lists)."""
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    if isinstance(value, date):
        return value.isoformat()
    return value


def parameters_fingerprint(params: ParameterSet) -> str:
    """The parameters' fingerprint: a SHA-256 of their canonical JSON (once per set: a set is
    immutable, its values frozen when made, and a year end checked it four times)."""
    found = _PARAMS_FINGERPRINTS.get((params,), None)
    if found is None:
        found = _PARAMS_FINGERPRINTS.put((params,), None, _parameters_fingerprint(params))
    return found


_PARAMS_FINGERPRINTS: HeldMemo[str] = HeldMemo(keep=8)


def _parameters_fingerprint(params: ParameterSet) -> str:
    doc = [
        [p.name, p.reference, [[v.effective_from.isoformat(), _plain(v.value), v.reference] for v in p.values]]
        for p in sorted(params.parameters, key=lambda p: p.name)
    ]
    text = json.dumps(doc, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)
    return f"sha256:{hashlib.sha256(text.encode()).hexdigest()}"


def provenance(dataset: Dataset, params: ParameterSet) -> Provenance:
    """What an assessment made now from ``dataset`` and ``params`` is made from."""
    return Provenance(dataset_fingerprint(dataset), parameters_fingerprint(params))


def require_same_provenance(found: Provenance | None, dataset: Dataset, params: ParameterSet, caller: str) -> None:
    """SoftenvError unless ``found`` (an assessment's provenance) is that of ``dataset`` and
    ``params``, naming which differs; an assessment without one (a document written before
    assessments recorded it) cannot be checked and is refused too."""
    require_dataset(dataset)  # a wrong dataset argument is named as such, before it is fingerprinted
    if found is None:
        raise SoftenvError(
            f"{caller}: the assessment does not say which dataset it was made from (written before assessments "
            "recorded it); leave the assessment out, or give assess(...)'s of this dataset"
        )
    here = provenance(dataset, params)
    if found.dataset != here.dataset:
        raise SoftenvError(
            f"{caller}: the assessment was made from another dataset (fingerprint {found.dataset}, this dataset's "
            f"{here.dataset}: records added, removed or renamed since); re-assess this dataset, or leave the "
            "assessment out"
        )
    if found.parameters != here.parameters:
        raise SoftenvError(
            f"{caller}: the assessment was made with other parameters (fingerprint {found.parameters}, these "
            f"{here.parameters}); give the parameters that made it, or leave the assessment out"
        )


__all__ = [
    "ASSESSED",
    "Provenance",
    "dataset_fingerprint",
    "parameters_fingerprint",
    "provenance",
    "require_same_provenance",
]
