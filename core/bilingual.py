"""Names and texts kept in English and Chinese: a model lists `<field>_zh` beside
`<field>` and reads `localized("<field>")`, which gives the Chinese text while the
page is in Chinese (when there is one) and the English otherwise."""

from __future__ import annotations

from django.utils.translation import get_language


def chinese_active() -> bool:
    return (get_language() or "").startswith("zh")


class Bilingual:
    def localized(self, field: str) -> str:
        if chinese_active():
            chinese = getattr(self, f"{field}_zh", "")
            if chinese:
                return chinese
        return getattr(self, field)

    @property
    def display_name(self) -> str:
        return self.localized("name")

    def __str__(self) -> str:
        return self.display_name
