import dataclasses

import pytest
from django.utils import translation

from core.industries import (
    DIVISIONS,
    INDUSTRIES,
    SECTIONS,
    display_name,
    division_choices,
    get_industry,
    is_division,
    is_manufacturing,
    search_industries,
)

# GB/T 4754-2017: section letter -> inclusive range of division codes.
RANGES = {
    "A": (1, 5),
    "B": (6, 12),
    "C": (13, 43),
    "D": (44, 46),
    "E": (47, 50),
    "F": (51, 52),
    "G": (53, 60),
    "H": (61, 62),
    "I": (63, 65),
    "J": (66, 69),
    "K": (70, 70),
    "L": (71, 72),
    "M": (73, 75),
    "N": (76, 79),
    "O": (80, 82),
    "P": (83, 83),
    "Q": (84, 85),
    "R": (86, 90),
    "S": (91, 96),
    "T": (97, 97),
}


def test_counts():
    assert len(SECTIONS) == 20
    assert len(DIVISIONS) == 97
    assert len(INDUSTRIES) == 117
    assert [s.code for s in SECTIONS] == list("ABCDEFGHIJKLMNOPQRST")


def test_division_codes_unique_and_contiguous():
    codes = [d.code for d in DIVISIONS]
    assert len(set(codes)) == len(codes)
    assert codes == [f"{n:02d}" for n in range(1, 98)]


def test_each_division_in_its_section():
    for division in DIVISIONS:
        low, high = RANGES[division.section]
        assert low <= int(division.code) <= high, division
        assert division.level == "division"
        assert not division.is_section
    for section in SECTIONS:
        assert section.section == section.code
        assert section.level == "section"


def test_standard_order_each_section_followed_by_its_divisions():
    current = None
    for industry in INDUSTRIES:
        if industry.is_section:
            current = industry.code
        else:
            assert industry.section == current


def test_manufacturing_covers_13_to_43():
    c_codes = [d.code for d in DIVISIONS if d.section == "C"]
    assert c_codes == [str(n) for n in range(13, 44)]
    assert is_manufacturing("C")
    assert is_manufacturing("13")
    assert is_manufacturing("43")
    assert not is_manufacturing("12")
    assert not is_manufacturing("44")
    assert not is_manufacturing("99")


def test_names_present():
    for industry in INDUSTRIES:
        assert industry.name.strip()
        assert industry.name_zh.strip()
    assert get_industry("38").name_zh == "电气机械和器材制造业"
    assert get_industry("C").name_zh == "制造业"


def test_industry_is_immutable():
    with pytest.raises(dataclasses.FrozenInstanceError):
        get_industry("38").name = "x"
    assert isinstance(INDUSTRIES, tuple)


def test_get_industry_and_is_division():
    assert get_industry("c").code == "C"
    assert get_industry(" 38 ").code == "38"
    assert get_industry("99") is None
    assert get_industry("") is None
    assert is_division("01")
    assert is_division("97")
    assert not is_division("C")
    assert not is_division("98")
    assert not is_division("1")


@pytest.mark.parametrize("q", ["电气", "electrical", "ELECTRICAL", "38"])
def test_search_finds_38(q):
    assert "38" in [i.code for i in search_industries(q)]


def test_search_code_prefix_and_order():
    assert [i.code for i in search_industries("3")] == [str(n) for n in range(30, 40)]
    assert search_industries("") == list(INDUSTRIES)
    assert search_industries() == list(INDUSTRIES)
    assert search_industries("no such industry") == []
    codes = [i.code for i in search_industries("制造")]
    assert codes[0] == "C"
    assert codes == sorted(codes, key=[i.code for i in INDUSTRIES].index)


def test_display_name_languages():
    assert display_name("38", "en") == (
        "Manufacture of electrical machinery and equipment"
    )
    assert display_name("38", "zh-hans") == "电气机械和器材制造业"
    with translation.override("zh-hans"):
        assert display_name("38") == "电气机械和器材制造业"
        assert display_name("C") == "制造业"
    with translation.override("en"):
        assert display_name("C") == "Manufacturing"
    assert display_name("XX") == "XX"


def test_division_choices():
    with translation.override("en"):
        choices = division_choices()
    assert len(choices) == 97
    assert choices[0][0] == "01"
    assert dict(choices)["38"] == (
        "38 — Manufacture of electrical machinery and equipment"
    )
    with translation.override("zh-hans"):
        assert dict(division_choices())["38"] == "38 — 电气机械和器材制造业"
    assert dict(division_choices("zh-hans"))["38"] == "38 — 电气机械和器材制造业"
