"""What reading a result checks of a field beyond its type, marked on the field (``metadata``).

Two marks, each read by the results' converter (io.converter ``from_json``) and by nothing that
computes: a figure of points (:data:`CENTS`), which the library writes with two places at most
and rounds when it computes one, so that a document's ``100.004`` was read back as 100.00, not
the figure written (integrator i55 05); and a mapping keyed by an enum's values (:data:`KEYS`:
a report's ``items_by_category``, a contact row's ``by_method``, the year end's
``followups.by_kind``), whose unknown key was read and then crashed the Chinese renderers with a
bare ValueError (integrator i55 03). Each is refused at its ``$.path``, as a negative count is.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from decimal import Decimal, InvalidOperation
from enum import Enum
from typing import Any

import attrs
from cattrs import Converter
from cattrs.errors import IterableValidationError, IterableValidationNote
from cattrs.gen import make_dict_structure_fn, override

#: The metadata of a field of points (two places): ``field(converter=to_points, metadata=CENTS)``.
CENTS: Mapping[str, Any] = {"softenv_cents": True}
_CENT = Decimal("0.01")


def keyed_by(enum: type[Enum]) -> Mapping[str, Any]:
    """The metadata of a mapping keyed by ``enum``'s values: ``field(metadata=keyed_by(ItemCategory))``."""
    return {"softenv_keys": enum}


def _marked(cls: Any) -> bool:
    return attrs.has(cls) and any(
        "softenv_cents" in a.metadata or "softenv_keys" in a.metadata for a in attrs.fields(cls)
    )


def register(conv: Converter, decimal: Callable[[Any, Any], Decimal]) -> None:
    """Structure each marked class with its marked fields checked (``decimal``: the converter's
    hook for a Decimal, which the figure goes through first)."""

    def cents(value: Any, type_: Any) -> Decimal:
        found = decimal(value, type_)
        try:
            rounded = found.quantize(_CENT)
        except InvalidOperation:  # too large to round: to_points refuses it with its size
            return found
        if rounded != found:
            raise ValueError(f"{value} has more than two decimal places: points are written with two at most")
        return found

    def factory(cls: Any) -> Any:
        attrs.resolve_types(cls)
        overrides = {}
        for a in attrs.fields(cls):
            if "softenv_cents" in a.metadata:
                overrides[a.name] = override(struct_hook=cents)
            elif "softenv_keys" in a.metadata:
                overrides[a.name] = override(struct_hook=_keyed(conv, a.type, a.metadata["softenv_keys"]))
        return make_dict_structure_fn(cls, conv, **overrides)  # type: ignore[arg-type]

    conv.register_structure_hook_factory(_marked, factory)


def _keyed(conv: Converter, type_: Any, enum: type[Enum]) -> Callable[[Any, Any], Any]:
    base = conv.get_structure_hook(type_)
    values = frozenset(str(m.value) for m in enum)
    allowed = ", ".join(str(m.value) for m in enum)

    def structure(value: Any, _type: Any) -> Any:
        if type(value) is dict and not value.keys() <= values:
            unknown = [k for k in value if k not in values]
            notes = [
                _noted(ValueError(f"unknown key: one of {allowed}"), IterableValidationNote(f"key {k!r}", k, str))
                for k in unknown
            ]
            raise IterableValidationError(f"unknown {enum.__name__} keys", notes, type_)
        return base(value, _type)

    return structure


def _noted(exc: Exception, note: IterableValidationNote) -> Exception:
    exc.__notes__ = [note]
    return exc


__all__ = ["CENTS", "keyed_by", "register"]
