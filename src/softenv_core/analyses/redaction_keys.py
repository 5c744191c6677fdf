"""What redaction derives from a whole dataset, worked out once per Dataset object
(:class:`~softenv_core.analyses.per_dataset.PerDataset`): the secret that keys complaint
references, the text screen, and the pattern of complaint ids. Each is the same for every
reader outside the city office and every result, and each cost a province a second or more
for every report and explanation redacted (split from analyses/redaction.py).
"""

from __future__ import annotations

import hashlib
import hmac
import re
from datetime import datetime

import attrs

from softenv_core.analyses.audiences import Audience
from softenv_core.analyses.disclosure import TextScreen, place_stems
from softenv_core.analyses.per_dataset import PerDataset
from softenv_core.model.complaints import Complaint, ComplaintEvent
from softenv_core.model.dataset import Dataset
from softenv_core.model.enterprises import Enterprise
from softenv_core.model.indexes import ReadOnlyIndex

REF_PREFIX = "R-"


#: The fields of a complaint its reference's key is not derived from: who made it and whether it
#: consented. Derived from them, a reference was the complainant's commitment: a department given
#: the reference of a complaint it handled, knowing the rest of the record (the id on the 交办单,
#: the text, the steps it took) and the published roster, found the point by trying each (x51 01).
#: Nor from its text: complainants write "我公司XX有限公司反映…", and keyed as written every
#: reference a department held changed with who complained while the text it read (某企业…) did
#: not (reviewer r56 01). Keyed as screened it would still change with a nickname or a product the
#: screen does not know, and it adds no secrecy: the handling unit reads it on its 交办单, and a
#: reader that does not still lacks every other complaint's steps to the second.
_NOT_KEYED = frozenset({"point", "consent_to_disclose", "events", "text"})
_KEYED = tuple(f.name for f in attrs.fields(Complaint) if f.name not in _NOT_KEYED)
#: Nor from an event's actor and note: who recorded or did it, in free text. A withdrawal (撤回)
#: is the complainant's own act, and a clerk writes the withdrawing point as its actor: keyed on
#: it, every reference a department was given changed with who complained (attacker x55 01).
_EVENT_NOT_KEYED = frozenset({"actor", "note"})
_EVENT_KEYED = tuple(f.name for f in attrs.fields(ComplaintEvent) if f.name not in _EVENT_NOT_KEYED)
#: Changed with every change of what the key is derived from: references made before a change do
#: not match those made after it (docs/privacy.md). v3: events' actors and notes left out (x55
#: 01); v4: the complaint's text left out (r56 01).
_SALT = b"softenv.redaction.v4"


def _secret(dataset: Dataset) -> bytes:
    h = hashlib.sha256(_SALT)
    for c in sorted(dataset.complaints, key=lambda c: c.id):
        events = tuple(tuple(_instant(getattr(e, name)) for name in _EVENT_KEYED) for e in c.events)
        h.update(repr((*(getattr(c, name) for name in _KEYED), events)).encode())
    for p in sorted(dataset.points, key=lambda p: p.id):
        h.update(_enterprise_key(p.enterprise).encode())
    return h.digest()


def _instant(value: object) -> object:
    """A moment keyed as the instant it is (its seconds since the epoch), not as written: the same
    records with their moments in UTC, as a database gives them, keyed other references than the
    +08:00 export they equal (reviewer r58 02)."""
    return value.timestamp() if isinstance(value, datetime) else value


_KEY_FIELDS = tuple(f.name for f in attrs.fields(Enterprise) if f.name != "former_names")


def _enterprise_key(e: Enterprise) -> str:
    """The enterprise as its repr was before ``former_names`` (a62 01), the former names after
    when it has any: a dataset recording none keeps every complaint reference it gave out."""
    shown = ", ".join(f"{name}={getattr(e, name)!r}" for name in _KEY_FIELDS)
    return f"Enterprise({shown})" + (repr(e.former_names) if e.former_names else "")


_secrets = PerDataset(_secret)


def dataset_secret(dataset: Dataset) -> bytes:
    """A key derived from the complaint records but their complainant (point and consent), their
    text and their events' actors and notes (free text that may name the complainant: r56 01,
    x55 01), and from the
    programme's enterprises: a reader holding only outputs cannot recompute references
    from an id it guesses, a new dataset gives new references, and no reference depends on who
    complained, so that none can be tried against a guess of the complainant (x51 01)."""
    return _secrets(dataset)


def complaint_reference(secret: bytes, audience: Audience, complaint_id: str) -> str:
    """The per-audience reference of a complaint: the same within one audience's outputs (so
    its report and its explanations agree), different for every other audience."""
    mac = hmac.new(secret, f"{audience}\x00{complaint_id}".encode(), hashlib.sha256).hexdigest()
    return REF_PREFIX + mac[:16]


def _screen(dataset: Dataset) -> TextScreen:
    names: list[str] = []
    for p in dataset.points:
        names += [p.enterprise.name, p.enterprise.uscc, p.enterprise.uscc[8:17]]
        # A renamed enterprise's former names: texts written before the rename name it so (a62 01).
        names += p.enterprise.former_names
    persons = [p.liaison_person for p in dataset.points if p.liaison_person]
    persons += [t.person for p in dataset.points for t in p.former_liaison_persons]  # a former one too
    return TextScreen(names, persons, screen_prefixes(dataset), [p.id for p in dataset.points])


_screens = PerDataset(_screen)  # a TextScreen is not changed by screening: safe to share


def text_screen(dataset: Dataset, audience: Audience) -> TextScreen:
    """The screen for ``audience`` outside the city office: enterprises' names (former names too),
    credit codes and organization codes (a code's characters 9-17, GB 32100: x21 01), every point id and the
    liaison persons' names, the same for every such reader (a department's 主要事项 printed a
    liaison person its 四(二) withheld, placing a matter of a withheld county: attacker t10 01)."""
    return _screens(dataset)


def screen_prefixes(dataset: Dataset) -> tuple[str, ...]:
    """The place names the programme's enterprise names may begin with (counties, city)."""
    return place_stems([c.name for c in dataset.counties] + [dataset.city.name])


def _ids(dataset: Dataset) -> tuple[ReadOnlyIndex[str, Complaint], re.Pattern[str] | None]:
    by_id = ReadOnlyIndex({c.id: c for c in dataset.complaints})  # shared: read-only
    # Longest first: an id that begins another is not matched inside it.
    pattern = "|".join(re.escape(i) for i in sorted(by_id, key=lambda i: (-len(i), i)))
    return by_id, re.compile(pattern) if pattern else None


_id_patterns = PerDataset(_ids)


def complaint_ids(dataset: Dataset) -> tuple[ReadOnlyIndex[str, Complaint], re.Pattern[str] | None]:
    """The dataset's complaints by id, and a pattern that finds any of their ids in a text
    (None without complaints)."""
    return _id_patterns(dataset)


__all__ = ["REF_PREFIX", "complaint_ids", "complaint_reference", "dataset_secret", "screen_prefixes", "text_screen"]
