"""A lone surrogate in a mapping given to loads_dataset (already parsed, e.g. by another
system's own JSON reader) is refused by its ``$.path``, as in a file or a text.

Before, only text and files were searched (parse_json marks what it finds); a mapping went
through the loader's fast path, which checks a text's type and length but not its characters,
and its lone surrogates were loaded, to crash the JSON, docx and HTTP outputs later."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from softenv_core import InputError, dump_dataset, loads_dataset
from softenv_core.io.fast_structure import Refused, structurer
from softenv_core.model.reports import Contact
from softenv_core.testing import small_dataset

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "small-dataset.json"
DOC: dict[str, Any] = json.loads(EXAMPLE.read_text(encoding="utf-8"))


def _problems(source: Any) -> list[str]:
    with pytest.raises(InputError) as info:
        loads_dataset(source)
    return list(info.value.problems)


@pytest.mark.parametrize(
    ("collection", "path", "value", "expected"),
    [
        # free text (the model's text rule), nested two deep
        ("contacts", ("items", 0, "text"), "生产\ud800经营", ".items[0].text: holds a lone surrogate U+D800 at"),
        # a nested record's text
        ("points", ("enterprise", "name"), "测试\udfff企业", ".enterprise.name: holds a lone surrogate U+DFFF at"),
        # optional text
        ("points", ("liaison_person",), "\udc00", ".liaison_person: holds a lone surrogate U+DC00 at character 1"),
        # text whose validator the fast path does not know (called after, as attrs would)
        ("points", ("enterprise", "industry"), "C\ud83d", ".enterprise.industry: holds a lone surrogate U+D83D"),
    ],
)
def test_a_mapping_with_a_lone_surrogate_is_refused_by_its_path(
    collection: str, path: tuple[Any, ...], value: str, expected: str
) -> None:
    doc = copy.deepcopy(DOC)
    target = doc[collection][0]
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = value
    problems = _problems(doc)
    assert len(problems) == 1, problems
    record, rest = problems[0].split(")", 1)
    assert record.startswith(f"$.{collection}[0] (")
    assert rest.startswith(expected), problems
    # the same problem, in the same words, as the same document given as text
    assert problems == _problems(json.dumps(doc))


def test_a_valid_mapping_loads_as_before_and_as_its_text() -> None:
    doc = copy.deepcopy(DOC)
    doc["contacts"][0]["items"][0]["text"] = "生产经营平稳 😀"  # a character beyond the BMP, whole
    loaded = loads_dataset(doc)
    assert loaded == loads_dataset(json.dumps(doc)) == loads_dataset(json.dumps(doc, ensure_ascii=False))
    assert loaded.contacts[0].items[0].text == "生产经营平稳 😀"
    assert loads_dataset(dump_dataset(small_dataset(2025))) == small_dataset(2025)
    assert doc == json.loads(json.dumps(doc))  # the mapping given is not changed


def test_the_fast_path_searches_text_only_for_a_mapping() -> None:
    """parse_json has marked a text's surrogates already: its function does not search again."""
    raw = copy.deepcopy(DOC["contacts"][0])
    raw["items"][0]["text"] = "生产\ud800经营"
    searching, trusting = structurer(Contact, True), structurer(Contact, False)
    assert searching is not None and trusting is not None
    with pytest.raises(Refused):
        searching(raw)
    assert trusting(raw).items[0].text == "生产\ud800经营"  # text parse_json would have marked
