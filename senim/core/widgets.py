"""Form widgets shared by the interfaces."""

from __future__ import annotations

from typing import Any

from django import forms


class DatePicker(forms.DateInput):
    """The browser's date picker. Its value must be ISO (2026-03-19) whatever the language:
    the localised format (19.03.2026 in Kazakh and Russian) is one it cannot read, and it
    would show a date already given as empty."""

    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%d")
