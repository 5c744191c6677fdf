"""Review r36: the city's own names and numbers come from its records and parameters, not from
literals in analyses/ (a city that renames its liaison office sees the name it gave)."""

from __future__ import annotations

from datetime import date

import attrs

from softenv_core.analyses.research_topics import topic_progress
from softenv_core.model.roster import ResearchTopic
from softenv_core.testing.builders import small_dataset


def test_a_city_topic_is_run_by_the_liaison_office_the_city_names() -> None:
    ds = small_dataset(2025)
    city = attrs.evolve(ds.city, liaison_office="临江市工业和信息化局")
    topic = ResearchTopic("T-1", "融资难专项调研", opened=date(2025, 3, 1))  # owner "city" by default
    ds = attrs.evolve(ds, city=city, research_topics=(topic,))
    (progress,) = topic_progress(ds, date(2025, 12, 31))
    assert progress.owner == "city"
    assert progress.owner_name == "临江市工业和信息化局"  # it was 市经贸委 whatever the city wrote
