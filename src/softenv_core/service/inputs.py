"""A request's inputs: the dataset body and the year, month and county parameters, or a 422 problem naming them."""

from __future__ import annotations

from starlette.requests import Request

from softenv_core.errors import InputError
from softenv_core.io.dataset_files import loads_dataset
from softenv_core.model.dataset import Dataset
from softenv_core.model.periods import Month
from softenv_core.service.problems import Problem, invalid_input, query_problem


def load_body(body: bytes) -> Dataset:
    try:
        return loads_dataset(body)
    except InputError as exc:
        raise invalid_input(exc) from None


def year_param(request: Request, required: bool = True, default: int = 2025) -> int:
    text = request.query_params.get("year")
    if text is None:
        if required:
            raise query_problem("year", "required (e.g. year=2025)")
        return default
    # 2999's December report would be due in 3000, past the model's years.
    if not (text.isascii() and text.isdigit() and 1900 <= int(text) <= 2998):
        raise query_problem("year", f"expected a year 1900-2998, got {text!r}")
    return int(text)


def month_param(text: str) -> Month:
    try:
        month = Month.parse(text)
        # A report looks at the month before (trends) and its deadline falls in the month
        # after; both must be within the model's years 1900-2999.
        if not (Month(1900, 2) <= month <= Month(2999, 11)):
            raise ValueError(f"{text}: expected a month from 1900-02 to 2999-11")
    except ValueError as exc:
        raise Problem(422, "invalid-parameter", "Invalid parameter", f"month: {exc}", [f"path.month: {exc}"]) from None
    return month


def county_param(code: str) -> str:
    """A county code from the path: six digits (GB/T 2260), or a 422 problem."""
    if not (len(code) == 6 and code.isascii() and code.isdigit()):
        raise Problem(
            422,
            "invalid-parameter",
            "Invalid parameter",
            f"county: expected a six-digit GB/T 2260 code, got {code!r}",
            [f"path.county: expected a six-digit GB/T 2260 code, got {code!r}"],
        )
    return code


__all__ = ["county_param", "load_body", "month_param", "year_param"]
