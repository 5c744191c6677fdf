"""`softenv plugins` tells a plugin refused at registration from one that failed to import.

A plugin that imports but is refused when registered (its ``PluginInfo`` gives the county as a
number; a ``softenv_*`` function lacks @hookimpl) was listed as BROKEN with ``distribution …
failed to load: …``, the import failure's words, so its author looked for a missing module.
Its row now says REFUSED with the refusal's own reason (the PluginError), the JSON row has
``refused``, and ``--check`` names the fault ``(registration)``; an import failure keeps its
BROKEN row and ``failed to load``.
"""

from __future__ import annotations

import json
import sys
import textwrap

import pytest

from softenv_core.cli.main import main
from softenv_core.engine.manager import ENV_ALLOW, ENV_DISABLE_AUTOLOAD

_MODULES = {
    # the county as a number: PluginInfo refuses it, after the module imported
    "numcounty": """
        from softenv_core import PluginInfo, hookimpl
        @hookimpl
        def softenv_plugin_info():
            return PluginInfo(county=379990, title="num", reference="doc")
    """,
    # a hook without @hookimpl: it would never be called, so registration refuses the plugin
    "unmarked": """
        from softenv_core import PluginInfo, hookimpl
        @hookimpl
        def softenv_plugin_info():
            return PluginInfo(county="379991", title="unmarked", reference="doc")
        def softenv_extra_point_rules(year, params):
            return []
    """,
    "noimport": "raise ImportError('needs numpy')\n",
}


@pytest.fixture
def installed(tmp_path, monkeypatch):
    """Three installed distributions: two refused at registration, one failing to import."""
    for name, body in _MODULES.items():
        (tmp_path / f"fake_refused_{name}.py").write_text(textwrap.dedent(body), encoding="utf-8")
        info = tmp_path / f"softenv_county_{name}-1.0.dist-info"
        info.mkdir()
        (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: softenv-county-{name}\nVersion: 1.0\n")
        (info / "entry_points.txt").write_text(f"[softenv]\n{name} = fake_refused_{name}\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setenv(ENV_ALLOW, ",".join(_MODULES))
    monkeypatch.delenv(ENV_DISABLE_AUTOLOAD, raising=False)
    yield
    for name in _MODULES:
        sys.modules.pop(f"fake_refused_{name}", None)


def test_a_refused_plugin_is_listed_as_refused_with_its_reason(installed, capsys):
    assert main(["plugins", "--format", "json"]) == 0
    captured = capsys.readouterr()
    rows = {r["name"]: r for r in json.loads(captured.out)["plugins"]}
    assert (
        rows["numcounty"]["refused"] == 'PluginInfo county: 379990 is not a GB/T 2260 code: give it as text, "379990"'
    )
    assert rows["numcounty"]["rules"] == [f"REFUSED: {rows['numcounty']['refused']}"]
    assert rows["unmarked"]["refused"].startswith("defines softenv_extra_point_rules without @hookimpl")
    for name in ("numcounty", "unmarked"):
        assert "failed to load" not in rows[name]["broken"]
        assert f"softenv-county-{name} 1.0 refused at registration: " in rows[name]["broken"]
    # an import failure is still one, in its own words
    assert "refused" not in rows["noimport"]
    assert "softenv-county-noimport 1.0 failed to load: ImportError: needs numpy" in rows["noimport"]["broken"]
    assert "refused at registration: PluginInfo county" in captured.err


def test_the_table_and_csv_mark_refused_and_broken_apart(installed, capsys):
    assert main(["plugins"]) == 0
    lines = {line.split()[0]: line for line in capsys.readouterr().out.splitlines() if line.strip()}
    assert lines["numcounty"].split()[2] == "REFUSED" and "REFUSED: PluginInfo county: 379990" in lines["numcounty"]
    assert lines["unmarked"].split()[2] == "REFUSED"
    assert lines["noimport"].split()[2] == "BROKEN" and "failed to load" in lines["noimport"]
    assert main(["plugins", "--format", "csv"]) == 0
    rows = {line.split(",")[0]: line.split(",") for line in capsys.readouterr().out.splitlines()}
    assert rows["numcounty"][3] == "REFUSED" and rows["noimport"][3] == "BROKEN"  # not "city"


def test_check_names_a_refusal_as_a_registration_fault(installed, capsys):
    assert main(["plugins", "--check", "--examples", "2"]) == 1
    out = capsys.readouterr().out
    assert "plugin 'numcounty', hook (registration)" in out and "plugin 'noimport', hook (import)" in out
