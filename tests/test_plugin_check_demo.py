"""plugins --check tries each rule on a demo city built once (testing.plugin_check._demo), one
per plugin: a plugin that rewrote the frozen records (``object.__setattr__``) would otherwise
change the demo every plugin after it is tried on (review r22)."""

from __future__ import annotations

from softenv_core.testing.plugin_check import SEEDS, _demo


def test_each_plugin_is_tried_on_a_demo_city_of_its_own_built_once():
    first = _demo(2025, SEEDS[1], 1, "plugin-a")
    assert _demo(2025, SEEDS[1], 1, "plugin-a") is first  # built once for the plugin's rules
    other = _demo(2025, SEEDS[1], 1, "plugin-b")
    assert other is not first and other == first  # the same city, not the same records
    assert all(a is not b for a, b in zip(other.points, first.points, strict=True))
