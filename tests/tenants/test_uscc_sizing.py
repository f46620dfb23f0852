"""USCC validation (GB 32100-2015) and the MIIT 2011 SME size class."""

from __future__ import annotations

from decimal import Decimal

import pytest

from core.errors import Invalid
from tenants.actions import uscc_normalise
from tenants.sizing import SizeClass, sme_size_class
from tests.factories import valid_uscc

VALID = valid_uscc(1)  # 91520600000000001F


def bad_check_character(number: str) -> str:
    return number[:-1] + ("0" if number[-1] != "0" else "1")


@pytest.mark.parametrize(
    "number", [VALID, "91522601MA6DN2L0KJ", "91440606MA52XB7P4P", valid_uscc(99)]
)
def test_valid_uscc_is_returned_compact(number):
    assert uscc_normalise(number) == number


@pytest.mark.parametrize(
    "typed",
    [
        "91522601ma6dn2l0kj",
        " 91522601MA6DN2L0KJ ",
        "915226 01MA6D N2L0KJ",
        "915226-01MA6DN2L0KJ",
    ],
)
def test_lower_case_spaces_and_dashes_are_normalised(typed):
    assert uscc_normalise(typed) == "91522601MA6DN2L0KJ"


@pytest.mark.parametrize(
    ("typed", "length"), [(VALID[:-1], 17), (VALID + "0", 19), ("", 0), (None, 0)]
)
def test_wrong_length(typed, length):
    with pytest.raises(Invalid) as excinfo:
        uscc_normalise(typed)
    assert excinfo.value.code == "uscc_invalid"
    assert str(length) in excinfo.value.fields["uscc"][0]
    assert "18" in excinfo.value.fields["uscc"][0]


def test_bad_check_character():
    with pytest.raises(Invalid) as excinfo:
        uscc_normalise(bad_check_character(VALID))
    assert list(excinfo.value.fields) == ["uscc"]
    assert "check character" in excinfo.value.fields["uscc"][0]


@pytest.mark.parametrize("letter", ["I", "O", "Z", "S", "V"])
def test_forbidden_letters(letter):
    number = VALID[:8] + letter + VALID[9:]
    with pytest.raises(Invalid) as excinfo:
        uscc_normalise(number)
    assert "except I, O, Z, S and V" in excinfo.value.fields["uscc"][0]


def test_punctuation_is_not_a_uscc():
    with pytest.raises(Invalid):
        uscc_normalise(VALID[:8] + "#" + VALID[9:])


# --- SME size class ------------------------------------------------------------

M = Decimal(1_000_000)
CENT = Decimal("0.01")


@pytest.mark.parametrize(
    ("employees", "revenue", "expected"),
    [
        # large: >= 1000 staff and >= 400M
        (1000, 400 * M, SizeClass.LARGE),
        (999, 400 * M, SizeClass.MEDIUM),
        (1000, 400 * M - CENT, SizeClass.MEDIUM),
        # medium: >= 300 staff and >= 20M
        (300, 20 * M, SizeClass.MEDIUM),
        (299, 20 * M, SizeClass.SMALL),
        (300, 20 * M - CENT, SizeClass.SMALL),
        # small: >= 20 staff and >= 3M
        (20, 3 * M, SizeClass.SMALL),
        (19, 3 * M, SizeClass.MICRO),
        (20, 3 * M - CENT, SizeClass.MICRO),
        # meeting only one floor is not enough
        (5000, Decimal(0), SizeClass.MICRO),
        (0, 1000 * M, SizeClass.MICRO),
        (0, Decimal(0), SizeClass.MICRO),
    ],
)
def test_industrial_row_boundaries(employees, revenue, expected):
    result = sme_size_class(
        industry_code="38", employees=employees, annual_revenue=revenue
    )
    assert result == expected


@pytest.mark.parametrize(
    ("employees", "revenue", "expected"),
    [
        # software and IT services (65): 300/100M, 100/10M, 10/0.5M
        (300, 100 * M, SizeClass.LARGE),
        (299, 100 * M, SizeClass.MEDIUM),
        (100, 10 * M, SizeClass.MEDIUM),
        (99, 10 * M, SizeClass.SMALL),
        (100, 10 * M - CENT, SizeClass.SMALL),
        (10, Decimal(500_000), SizeClass.SMALL),
        (9, Decimal(500_000), SizeClass.MICRO),
        (10, Decimal(500_000) - CENT, SizeClass.MICRO),
    ],
)
def test_software_row_boundaries(employees, revenue, expected):
    result = sme_size_class(
        industry_code="65", employees=employees, annual_revenue=revenue
    )
    assert result == expected


def test_retail_row_differs_from_industry():
    # 50 staff and 5M revenue: medium in retail (52), small in manufacturing
    assert sme_size_class(industry_code="52", employees=50, annual_revenue=5 * M) == (
        SizeClass.MEDIUM
    )
    assert sme_size_class(industry_code="38", employees=50, annual_revenue=5 * M) == (
        SizeClass.SMALL
    )


@pytest.mark.parametrize("code", ["06", "13", "43", "44", "73", "99", ""])
def test_mining_utilities_and_unlisted_sectors_use_the_industrial_row(code):
    assert sme_size_class(industry_code=code, employees=300, annual_revenue=20 * M) == (
        SizeClass.MEDIUM
    )
    assert sme_size_class(industry_code=code, employees=299, annual_revenue=20 * M) == (
        SizeClass.SMALL
    )
