"""The credit code's check character computed in model/enterprises.py (so that loading a dataset
need not import python-stdnum, issue 21) is python-stdnum's, for every code the fast path takes."""

from __future__ import annotations

import random
import subprocess
import sys

import pytest
from stdnum.cn import uscc

from softenv_core.model.enterprises import _ALPHABET, _CANONICAL, _check_character, credit_code


def test_the_check_character_is_stdnums_for_random_canonical_codes() -> None:
    rng = random.Random(21)
    for _ in range(5000):
        body = "".join(rng.choice("0123456789") for _ in range(8)) + "".join(rng.choice(_ALPHABET) for _ in range(9))
        code = body + _check_character(body)
        assert _CANONICAL.fullmatch(code) is not None
        assert _check_character(code) == uscc.calc_check_digit(code) == code[-1]
        assert uscc.is_valid(code)


def test_a_wrong_check_character_is_still_refused_in_stdnums_words() -> None:
    import attrs

    from softenv_core.errors import FieldInvalid
    from softenv_core.model.enterprises import Enterprise

    (uscc_field,) = [a for a in attrs.fields(Enterprise) if a.name == "uscc"]
    good = "91379902MA00000153"
    bad = good[:-1] + ("0" if good[-1] != "0" else "1")
    credit_code(None, uscc_field, good)
    with pytest.raises(FieldInvalid, match="checksum"):
        credit_code(None, uscc_field, bad)


@pytest.mark.slow
def test_loading_the_model_does_not_import_stdnum() -> None:
    code = "import sys, softenv_core.model.enterprises\nprint('stdnum' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60)
    assert out.stdout.strip() == "False"
