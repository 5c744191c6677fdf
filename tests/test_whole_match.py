"""Codes and ids are matched whole and in ASCII digits: ``re.match`` with ``^…$`` let a trailing
newline through (``$`` matches before a final ``\\n``), so ``"379902\\n"`` was a county code that
the loader kept and every table showed with a space after it; ``\\d`` takes full-width and
other scripts' digits."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from softenv_core import Audience, loads_dataset
from softenv_core.errors import InputError, SoftenvError

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "small-dataset.json"


def _with(replace: str, by: str) -> str:
    text = EXAMPLE.read_text(encoding="utf-8")
    assert json.dumps(replace) in text
    return text.replace(json.dumps(replace), json.dumps(by, ensure_ascii=False))


@pytest.mark.parametrize("tail", ["\n", "\r\n"])
def test_a_county_code_with_a_line_end_is_refused_where_it_stands(tail: str) -> None:
    code = json.loads(EXAMPLE.read_text(encoding="utf-8"))["counties"][0]["code"]
    with pytest.raises(InputError) as caught:
        loads_dataset(_with(code, code + tail))  # the code changed everywhere it is cited
    assert "$.counties[0].code" in str(caught.value)


def test_an_industry_code_with_a_line_end_is_refused() -> None:
    data = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    data["points"][0]["enterprise"]["industry"] = "C13\n"
    with pytest.raises(InputError) as caught:
        loads_dataset(json.dumps(data))
    assert "$.points[0]" in str(caught.value) and ".enterprise.industry: " in str(caught.value)


@pytest.mark.parametrize("text", ["county:379902\n", "city\n", "county:３７９９０２", "public\n"])
def test_an_audience_with_a_line_end_or_other_digits_is_refused(text: str) -> None:
    with pytest.raises(SoftenvError, match="audience"):
        Audience.parse(text)


@pytest.mark.parametrize("key_id", ["amr\n", "amr\r\n"])
def test_a_key_id_with_a_line_end_is_refused(tmp_path: Path, key_id: str) -> None:
    from softenv_core.service.keys import add_key

    with pytest.raises(SoftenvError, match="key id"):
        add_key(tmp_path / "keys.json", key_id, ["city"])
    assert not (tmp_path / "keys.json").exists()


def test_a_plugin_naming_its_county_with_a_line_end_is_refused() -> None:
    """PluginInfo refuses it when made; one rewritten after (``object.__setattr__`` gets past
    frozen) is refused again by the manager, which matched with ``$`` too."""
    from softenv_core.errors import PluginError
    from softenv_core.plugin import PluginInfo, hookimpl
    from softenv_core.rules.registry import get_plugin_manager

    class Plugin:
        @hookimpl
        def softenv_plugin_info(self) -> PluginInfo:
            info = PluginInfo(county="379902", title="t", reference="r")
            object.__setattr__(info, "county", "379902\n")
            return info

    with pytest.raises(PluginError, match="is not a GB/T 2260 code"):
        get_plugin_manager(autoload=False, plugins=[("nl", Plugin())]).plugins_meta()
