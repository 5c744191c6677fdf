"""Migrations of older dataset documents (``softenv.dataset``) to the version this library writes.

Each document names its schema and version; :func:`migrate_dataset` turns an older version
into the current one step by step, one function per step, before the records are structured.
A step never drops or guesses data: it renames, restructures or states defaults, so that a
document that loaded under its version loads now, with the same records.

History:

- **1** (the layer-folder round): counties to research topics.
- **2**: adds follow-ups (跟踪回访), adjustment suggestions (调整建议), work plans (工作计划) and
  publicity (宣传) as collections, a point's ``liaison_person`` (定人) and a contact's
  ``made_by``. Every new field and collection defaults (to empty or null), so version 1 to 2
  only states the new version: a version-1 document carries none of them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from softenv_core.errors import FieldInvalid, InputError
from softenv_core.model.dataset import SCHEMA, SCHEMA_VERSION


def _v1_to_v2(doc: dict[str, Any]) -> dict[str, Any]:
    # Nothing to restructure: the additions of version 2 all default. Documents written by
    # development builds between the two versions already carry some of the new collections
    # under version 1; they are kept as they are.
    return {**doc, "version": 2}


#: The step from each older version to the next.
MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {1: _v1_to_v2}

#: The versions whose step to the next adds, drops and renames no member of any object (1 to 2
#: states the new version only). The loader's fast path counts the members a document's text
#: writes against those it reads (io/json_text.fast_parse): through such steps the two still
#: agree, through any other a member added could make up for a name written twice (reviewer
#: r32), and the document is read strictly. A new step is left out unless it is such a one.
SAME_MEMBERS: frozenset[int] = frozenset({1})


def same_members(version: object) -> bool:
    """Whether migrating a document of ``version`` to the current one keeps every object's
    members as they are (the current version: nothing to migrate)."""
    while version != SCHEMA_VERSION:
        if type(version) is not int or version not in SAME_MEMBERS:
            return False
        version += 1
    return True


#: The other documents softenv reads or writes, as a dataset's place would be told them: sent
#: where a dataset goes (an assessment kept beside it, say), they are that one problem.
OTHER_DOCUMENTS = {
    "softenv.assessment": "an assessment (softenv assess --format json); give the dataset it was made from",
    "softenv.monitoring_report": "a monitoring report (softenv report --format json); give the dataset",
    "softenv.yearend": "a year end (softenv yearend --format json); give the dataset it was made from",
    "softenv.appraisal": "a 万人评议 round's result (appraise); give the dataset",
    "softenv.representativeness": "a representativeness result; give the dataset",
    "softenv.calendar": "a calendar file (--calendar FILE, load_arrangements); give the dataset",
    "softenv.parameters": "a parameter file (parse_parameters); give the dataset",
    "softenv.keys": "the service's keys file (softenv keys); give the dataset",
    "softenv.cases": "a rule-test cases file (softenv_core.testing); give the dataset",
}


def migrate_dataset(doc: Mapping[str, Any], label: str | None = None) -> Mapping[str, Any]:
    """A dataset document at :data:`~softenv_core.model.dataset.SCHEMA_VERSION`.

    A current document (or one that is not a dataset document at all: the loader reports
    that) comes back as it is, unchanged and uncopied; an older one as a migrated copy, the
    caller's mapping untouched. A version newer than this library's, or one that is not a
    known version, raises :class:`~softenv_core.errors.InputError` naming ``$.version``;
    another softenv document (:data:`OTHER_DOCUMENTS`) one naming ``$.schema`` and what it is.
    """
    if not isinstance(doc, Mapping):  # the loader says "$: expected an object" before this
        raise FieldInvalid(
            "doc", f"expected a dataset document (a mapping, as json.loads gives it), got {type(doc).__name__}"
        )
    version = doc.get("version")
    schema = doc.get("schema")
    other = OTHER_DOCUMENTS.get(schema) if isinstance(schema, str) else None  # a list is unhashable
    if other is not None:  # its every record would be a problem too: one line says it (i36)
        what, _, advice = other.partition("; ")
        raise InputError([f"$.schema: expected {SCHEMA!r}, got {schema!r}: {what}, not a dataset: {advice}"], label)
    if doc.get("schema") != SCHEMA or version == SCHEMA_VERSION:
        return doc
    if type(version) is not int or version not in MIGRATIONS:
        if type(version) is int and version > SCHEMA_VERSION:
            problem = f"$.version: {version} is newer than this library reads ({SCHEMA_VERSION}): upgrade softenv-core"
        elif "version" not in doc:  # left out, not null (integrator i30)
            problem = "$.version: required field missing"
        else:
            problem = f"$.version: expected 1 to {SCHEMA_VERSION}, got {version!r}{_written_as(version)}"
        raise InputError([problem], label)
    current: dict[str, Any] = dict(doc)
    while current["version"] != SCHEMA_VERSION:
        current = MIGRATIONS[current["version"]](current)
    return current


def _written_as(version: object) -> str:
    """What to write instead of a version of another JSON type (integrator i36): `got '2'` read
    as if 2 were out of range, where the fault is the quotes."""
    if type(version) is int or isinstance(version, float):
        return ""  # out of range, or a fraction (told by the loader's structure check)
    if isinstance(version, str) and version.strip().isascii() and version.strip().isdigit():
        number = int(version.strip())
        if number in MIGRATIONS or number == SCHEMA_VERSION:
            return f" (a text: write the number {number}, without quotes)"
    kinds = {str: "a text", bool: "true or false", type(None): "null", list: "a list", dict: "an object"}
    return f" ({kinds.get(type(version), type(version).__name__)}: write the version as a number, {SCHEMA_VERSION})"


__all__ = ["MIGRATIONS", "OTHER_DOCUMENTS", "migrate_dataset"]
