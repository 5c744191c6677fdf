"""Which document a result is written as (结果文档), and the Chinese of a document's own problems.

Every public result serialises through the one converter (io.converter ``to_json`` /
``from_json``). The five result documents declare their ``schema`` and ``version``
(``softenv.assessment``, …); any other result of softenv_core (a complaint's ``ComplaintStatus``,
a unit's ``UnitRates``, a removal ``Proposal``, a ``Deadline`` …) is written as the document
named after its class, ``softenv.`` and the name in snake case (``softenv.unit_rates``),
version 1, its fields under ``result`` (:data:`BODY`): a part such as ``Deadline`` has a field
``version`` of its own (the rule's plugin's), which a flat document would lose. So an
integrator serialises every result the same way and reads it back equal (integrator i37).
A dataset is no result: the loader reads it, checking what a result's reading cannot
(references, duplicates, credit codes).
"""

from __future__ import annotations

import enum
import functools
import re
import types
from typing import Any, Union, get_args, get_origin, get_type_hints

import attrs

from softenv_core.errors import FieldInvalid, InputError, InputProblem
from softenv_core.model.dataset import Dataset
from softenv_core.model.periods import HalfYear, Month, Year

#: The version of a document named after its class: the first.
PART_VERSION = 1
#: The member of such a document that holds the result's fields.
BODY = "result"

_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")


def schema_of(cls: Any, name: str = "cls") -> tuple[str, int, str | None]:
    """A result class's document schema and version, and the member holding its fields (None:
    the document's own members): its ``schema`` / ``version`` fields' defaults, or its class
    attributes ``SCHEMA`` / ``SCHEMA_VERSION``, or, for another result class (or state enum) of
    softenv_core, ``softenv.<class name in snake case>``, version 1 and :data:`BODY`. FieldInvalid
    naming ``name`` (the argument: ``cls``, or ``result`` for the class of a result to write)
    for anything else (a dataset, a class that says why it is ``NO_RESULT``, such as the limits
    ``sla_for`` gives, a plain value, a class of another library)."""
    if cls is Dataset:
        raise FieldInvalid(
            name, "a dataset is no result: write it with dataset_json(dataset), read it with loads_dataset(text)"
        )
    if isinstance(cls, type) and cls in _records():
        # No schema describes such a document, and from_json would read it unchecked (integrator i49).
        raise FieldInvalid(
            name,
            f"{cls.__name__} is a record of the dataset, no result: write the dataset with "
            "dataset_json(dataset), read it with loads_dataset(text)",
        )
    fields = {a.name: a for a in getattr(cls, "__attrs_attrs__", ())}
    if "schema" in fields and "version" in fields:
        return fields["schema"].default, fields["version"].default, None
    schema, version = getattr(cls, "SCHEMA", None), getattr(cls, "SCHEMA_VERSION", None)
    if isinstance(schema, str) and isinstance(version, int):
        return schema, version, None
    # A state (an enum such as MonthState: report_deadline's "not owed") is a result as a record is.
    ours = isinstance(cls, type) and cls.__module__.startswith("softenv_core.")
    if ours and isinstance(getattr(cls, "NO_RESULT", None), str):
        raise FieldInvalid(name, f"{cls.__name__} is no result: {cls.NO_RESULT}")
    if ours and (attrs.has(cls) or issubclass(cls, enum.Enum)):
        # PART_SCHEMA: the name of a class whose own name another result class shares (two Cells).
        part = getattr(cls, "PART_SCHEMA", None)
        snake = "softenv." + _CAMEL.sub("_", cls.__name__).lower()
        return part if isinstance(part, str) else snake, PART_VERSION, BODY
    shown = cls.__name__ if isinstance(cls, type) else f"{type(cls).__name__} {cls!r:.40}"
    raise FieldInvalid(name, f"expected a result of softenv_core (Assessment, UnitRates, …) or its class, got {shown}")


def former_names(cls: Any) -> tuple[str, ...]:
    """The document names an older version wrote ``cls`` under (``FORMER_SCHEMAS``), read still."""
    names = getattr(cls, "FORMER_SCHEMAS", ())
    return names if isinstance(names, tuple) else ()


@functools.cache
def _records() -> frozenset[type]:
    """The record classes of a dataset (a point, its enterprise, a complaint, its events …): every
    attrs class a dataset's fields hold, but the periods (a value such as ``Month`` is a result's too)."""
    found: set[type] = set()
    todo: list[Any] = [Dataset]
    while todo:
        cls = todo.pop()
        hints = get_type_hints(cls)
        for a in attrs.fields(cls):
            for t in _classes_in(hints[a.name]) if a.init else ():
                if attrs.has(t) and t not in found and t not in (Month, Year, HalfYear):
                    found.add(t)
                    todo.append(t)
    return frozenset(found)


def _classes_in(type_: Any) -> list[Any]:
    args = get_args(type_)
    return [type_] if not args else [t for arg in args for t in _classes_in(arg)]


def kinds_of(cls: Any) -> tuple[tuple[Any, tuple[str, int, str | None]], ...]:
    """Each class ``cls`` stands for (itself, or the members of a union such as ``Deadline |
    MonthState``) with its document (:func:`schema_of`)."""
    union = isinstance(cls, types.UnionType) or get_origin(cls) is Union
    return tuple((member, schema_of(member)) for member in (get_args(cls) if union else (cls,)))


def item_class(cls: Any) -> Any:
    """``X`` for ``tuple[X, ...]`` (the results of ``unit_rates``, ``propose_adjustments``, …),
    else None."""
    args: tuple[Any, ...] = tuple(getattr(cls, "__args__", ()))
    if getattr(cls, "__origin__", None) is tuple and len(args) == 2 and args[1] is Ellipsis:
        return args[0]
    return None


def in_chinese(exc: InputError, schema: str) -> InputError:
    """``exc`` with each problem given its Chinese wording (``details[i].zh``), as the dataset
    loader gives its own: the document's own problems in the words of a result document
    (which ``schema`` was expected), the others from the checks' table where it has them."""
    # Imported here, not with the module: the table compiles about a hundred patterns, 3 % of
    # `softenv assess`, which has no problem to word (issue 21).
    from softenv_core.io.workbook_messages import zh_message

    details = []
    for d in exc.details:
        zh = d.zh or _document_zh(d, schema) or zh_message(d.message)
        details.append(d if zh in (d.zh, d.message) else attrs.evolve(d, zh=zh))
    return InputError(details, exc.source)


def _document_zh(d: InputProblem, schema: str) -> str | None:
    if d.message == "the file is empty":
        return f"文件是空的（0 字节或只有空白）：应为 {schema} 文档"
    if d.path.endswith(".schema") and d.message.startswith("expected '"):
        got = d.message.split(", got ", 1)[-1]
        return f"缺少 schema：应为 {schema} 文档" if got == "None" else f"应为 {schema} 文档，而这份是 {got}"
    if d.path.endswith(".version") and d.message.startswith("expected "):
        expected, _, got = d.message[len("expected ") :].partition(", got ")
        wanted = f"应为第 {expected} 版的 {schema} 文档"
        return f"缺少 version：{wanted}" if got == "None" else f"{wanted}，而这份是第 {got} 版：请用写出它的版本读取"
    if d.message.startswith("expected a list of "):
        return f"应为由 {schema} 文档组成的列表 […]，而不是{_kind(d.message)}"
    return None


def _kind(message: str) -> str:
    got = message.rsplit(", got ", 1)[-1]
    return {"dict": "对象", "str": "文本", "int": "整数", "float": "数", "bool": "布尔值", "NoneType": " null"}.get(
        got, f" {got}"
    )


__all__ = ["BODY", "PART_VERSION", "former_names", "in_chinese", "item_class", "kinds_of", "schema_of"]
