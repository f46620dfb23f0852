"""Form widgets whose values browsers parse: an `<input type="date">` only accepts
ISO `YYYY-MM-DD` (and `type="month"` `YYYY-MM`) whatever the page's language, while
Django would otherwise write the active locale's first input format (`2019/04/18`
in zh-hans), which the browser rejects and shows as an empty field."""

from __future__ import annotations

from django import forms

ISO_DATE = "%Y-%m-%d"
ISO_MONTH = "%Y-%m"


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict | None = None) -> None:
        super().__init__(attrs=attrs, format=ISO_DATE)


class MonthInput(forms.DateInput):
    input_type = "month"

    def __init__(self, attrs: dict | None = None) -> None:
        super().__init__(attrs=attrs, format=ISO_MONTH)
