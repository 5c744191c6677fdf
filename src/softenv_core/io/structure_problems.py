"""Problems in a structured record worded with their place: ``$.points[3].uscc: message``
(io's converter raises cattrs' grouped exceptions; these walk them into one line per problem,
as the loader, the workbook reader and the salvage of a bad record all report them)."""

from __future__ import annotations

import re
from typing import Any, TypeVar

from cattrs import Converter
from cattrs.errors import ClassValidationError, ForbiddenExtraKeysError, IterableValidationError

from softenv_core._validators import FieldInvalid

T = TypeVar("T")

_PLAIN_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,63}").fullmatch


def shown_key(key: object) -> str:
    """A key of the document as a problem names it: a plain name as written, any other quoted
    with an escaping repr (``'x\\u202e'``), as the bad-audience message quotes the audience.

    The problems are messages composed for people, shown next to the field by the platform
    (docs/integration.md): a key holding a bidi override, ESC or a line break must not act
    there, in JSON (``validate --format json``, the HTTP problems) as on the terminal
    (attacker 04)."""
    text = str(key)
    return text if _PLAIN_KEY(text) else repr(text)


def error_paths(exc: BaseException, path: str = "$") -> list[str]:
    """Every problem in a cattrs (or model) exception as ``$.path: message``."""
    if isinstance(exc, IterableValidationError):
        out: list[str] = []
        with_notes, without = exc.group_exceptions()
        for sub, note in with_notes:
            out.extend(error_paths(sub, f"{path}[{note.index!r}]"))
        for sub in without:
            out.extend(error_paths(sub, path))
        return out
    if isinstance(exc, ClassValidationError):
        out = []
        with_notes_c, without_c = exc.group_exceptions()
        for sub, cnote in with_notes_c:
            out.extend(error_paths(sub, f"{path}.{cnote.name}"))
        for sub in without_c:
            out.extend(error_paths(sub, path))
        return out
    if isinstance(exc, FieldInvalid):
        return [f"{path}.{exc.name}: {exc.message}"]
    if isinstance(exc, KeyError):
        return [f"{path}: required field missing"]
    if isinstance(exc, ForbiddenExtraKeysError):
        return [f"{path}: unknown field(s) {', '.join(map(shown_key, sorted(exc.extra_fields, key=str)))}"]
    if isinstance(exc, ValueError | TypeError | AttributeError):
        return [f"{path}: {_message(exc)}"]
    raise exc


def _message(exc: BaseException) -> str:
    text = str(exc) or type(exc).__name__
    if isinstance(exc, TypeError) and "argument" in text:
        return "wrong structure: " + text
    if isinstance(exc, AttributeError):
        return "expected an object"
    return text


def structure_one(conv: Converter, raw: Any, cls: type[T], path: str) -> tuple[T | None, list[str]]:
    """Structure ``raw`` as ``cls``; on failure return None and the problems under ``path``."""
    if not isinstance(raw, dict) and getattr(cls, "__attrs_attrs__", None) is not None:
        return None, [f"{path}: expected an object, got {type(raw).__name__}"]
    return structure_at(conv, raw, cls, path)


def structure_at(conv: Converter, raw: Any, type_: Any, path: str) -> tuple[Any, list[str]]:
    """Structure ``raw`` as ``type_``; on failure None and the problems under ``path`` worded
    as the converter words them for a field of a record (io/salvage.py reads a record's fields
    one by one with it, so that what it finds repeats none of what the whole record's pass
    reported: a record given as no object reads ``expected an object`` there, without the
    ``got list`` :func:`structure_one` adds for a document's own record)."""
    try:
        return conv.structure(raw, type_), []
    except RecursionError:
        return None, [f"{path}: nested too deeply"]
    except Exception as exc:  # every error is reported with its path, never lost
        return None, error_paths(exc, path)


__all__ = ["error_paths", "shown_key", "structure_at", "structure_one"]
