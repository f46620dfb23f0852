"""GB/T 4754-2017 industry classification (国民经济行业分类): sections and divisions.

English names are descriptive translations; the Chinese names are the standard's own.
"""

import csv
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Literal

from django.core.exceptions import ValidationError
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

Level = Literal["section", "division"]


@dataclass(frozen=True, slots=True)
class Industry:
    code: str  # section letter "A"–"T" or two-digit division code "01"–"97"
    name: str
    name_zh: str
    section: str  # section letter; a section's own code

    @property
    def is_section(self) -> bool:
        return self.code == self.section

    @property
    def level(self) -> Level:
        return "section" if self.is_section else "division"

    def localized_name(self, language: str | None = None) -> str:
        return self.name_zh if _is_chinese(language) else self.name


#: Every section followed by its divisions, in the standard's order (the table is
#: data, in core/data: code, section letter, English name, Chinese name).
_TABLE = Path(__file__).resolve().parent / "data" / "gbt4754_2017.csv"
with _TABLE.open(encoding="utf-8", newline="") as _rows:
    INDUSTRIES: tuple[Industry, ...] = tuple(
        Industry(row["code"], row["name"], row["name_zh"], row["section"])
        for row in csv.DictReader(_rows)
    )
SECTIONS: tuple[Industry, ...] = tuple(i for i in INDUSTRIES if i.is_section)
DIVISIONS: tuple[Industry, ...] = tuple(i for i in INDUSTRIES if not i.is_section)

_BY_CODE = MappingProxyType({i.code: i for i in INDUSTRIES})
# A search longer than every name and code can match nothing.
QUERY_MAX_LENGTH = max(len(text) for i in INDUSTRIES for text in (i.name, i.name_zh))


def _is_chinese(language: str | None) -> bool:
    language = language or get_language() or ""
    return language.lower().startswith("zh")


def _normalize(code: str) -> str:
    return code.strip().upper()


def get_industry(code: str) -> Industry | None:
    """The section ("C") or division ("38") with this code, or None."""
    return _BY_CODE.get(_normalize(code))


def is_division(code: str) -> bool:
    industry = get_industry(code)
    return industry is not None and not industry.is_section


def is_manufacturing(code: str) -> bool:
    """True for section C itself and its divisions 13–43."""
    industry = get_industry(code)
    return industry is not None and industry.section == "C"


def search_industries(q: str = "") -> list[Industry]:
    """Match on code prefix, English or Chinese name substring; standard order."""
    q = q.strip().casefold()
    if not q:
        return list(INDUSTRIES)
    return [
        i
        for i in INDUSTRIES
        if i.code.casefold().startswith(q) or q in i.name.casefold() or q in i.name_zh
    ]


def display_name(code: str, language: str | None = None) -> str:
    """Localized name (Chinese when the language is zh*); unknown codes as given."""
    industry = get_industry(code)
    return industry.localized_name(language) if industry else code


def division_choices(language: str | None = None) -> list[tuple[str, str]]:
    """Form choices for the 97 divisions, e.g. ("38", "38 — 电气机械和器材制造业")."""
    zh = _is_chinese(language)
    return [(d.code, f"{d.code} — {d.name_zh if zh else d.name}") for d in DIVISIONS]


def validate_division(code: str) -> None:
    """A model field's validator: a division (two digits) of GB/T 4754-2017."""
    if not is_division(code or ""):
        raise ValidationError(
            _("Choose an industry division of GB/T 4754-2017."), code="division"
        )
