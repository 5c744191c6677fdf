"""An assessment records what it was made from (``Assessment.provenance``: fingerprints of the
dataset and the parameters), and the analyses that take one refuse an assessment of another
dataset (platform 09: a night's assessment reused after a clerk removed a nominee's ratings
passed the nominee), naming what differs."""

from __future__ import annotations

import attrs
import pytest

from softenv_core import CITY_OFFICE, Assessment, assess, get_plugin_manager
from softenv_core.analyses.adjustment import propose_adjustments
from softenv_core.analyses.commendation import check_commendation
from softenv_core.analyses.fingerprint import dataset_fingerprint
from softenv_core.analyses.year_end import year_end
from softenv_core.engine.parameters import DatedValue, Parameter, ParameterSet, baseline_parameters
from softenv_core.errors import SoftenvError
from softenv_core.io.dataset_files import dataset_json, loads_dataset
from softenv_core.testing import small_dataset

BASE = small_dataset(2025)
PARAMS = baseline_parameters()


def _pm():
    return get_plugin_manager(autoload=False, plugins=[])


CACHED = assess(BASE, 2025, _pm(), audience=CITY_OFFICE)


def _edited():
    # A clerk removes a contact entered by mistake: the point's contact score changes.
    return attrs.evolve(BASE, contacts=BASE.contacts[1:])


def test_the_provenance_survives_a_round_trip_and_matches_a_copy_of_the_dataset():
    assert CACHED.provenance is not None
    assert Assessment.from_json(CACHED.to_json()).provenance == CACHED.provenance
    # Another object of the same data (another process's load) has the same fingerprint.
    copy = loads_dataset(dataset_json(BASE))
    assert dataset_fingerprint(copy) == dataset_fingerprint(BASE)
    reused = year_end(copy, 2025, _pm(), audience=CITY_OFFICE, assessment=Assessment.from_json(CACHED.to_json()))
    assert reused == year_end(BASE, 2025, _pm(), audience=CITY_OFFICE)
    # Outside the city office it is withheld: it would tell two datasets apart (a complaint made).
    assert assess(BASE, 2025, _pm(), audience="county:379902").provenance is None


@pytest.mark.parametrize("caller", ["year_end", "check_commendation", "propose_adjustments"])
def test_an_assessment_of_another_dataset_is_refused(caller):
    edited = _edited()
    assert dataset_fingerprint(edited) != dataset_fingerprint(BASE)
    call = {
        "year_end": lambda: year_end(edited, 2025, _pm(), audience=CITY_OFFICE, assessment=CACHED),
        "check_commendation": lambda: check_commendation(edited, CACHED, PARAMS, audience=CITY_OFFICE),
        "propose_adjustments": lambda: propose_adjustments(edited, CACHED, PARAMS, audience=CITY_OFFICE),
    }[caller]
    with pytest.raises(SoftenvError, match=f"{caller}: the assessment was made from another dataset"):
        call()


def test_an_assessment_made_with_other_parameters_or_without_provenance_is_refused():
    changed = ParameterSet(
        tuple(
            attrs.evolve(p, values=(DatedValue(p.values[0].effective_from, 70),)) if p.name == "duty.band.pass" else p
            for p in PARAMS.parameters
        )
    )
    assert isinstance(changed.parameters[0], Parameter)
    with pytest.raises(SoftenvError, match="made with other parameters"):
        year_end(BASE, 2025, _pm(), audience=CITY_OFFICE, assessment=CACHED, params=changed)
    with pytest.raises(SoftenvError, match="does not say which dataset"):
        year_end(BASE, 2025, _pm(), audience=CITY_OFFICE, assessment=attrs.evolve(CACHED, provenance=None))


def test_the_parameters_fingerprint_is_remembered_per_set_and_follows_its_values():
    from softenv_core.analyses import fingerprint

    same = ParameterSet(PARAMS.parameters)  # another object, the same values
    changed = ParameterSet(
        tuple(
            attrs.evolve(p, values=(DatedValue(p.values[0].effective_from, 70),)) if p.name == "duty.band.pass" else p
            for p in PARAMS.parameters
        )
    )
    for params in (PARAMS, same, changed, PARAMS, changed):
        assert fingerprint.parameters_fingerprint(params) == fingerprint._parameters_fingerprint(params)
    assert fingerprint.parameters_fingerprint(same) == fingerprint.parameters_fingerprint(PARAMS)
    assert fingerprint.parameters_fingerprint(changed) != fingerprint.parameters_fingerprint(PARAMS)
