"""A tone for every status: `@tones(...)` on a `TextChoices` says how its badge
looks, so one tag (`{% status_badge obj %}`, core/templatetags/status.py) draws every
status of every model. A model's `status` field takes its choices from
`Model.Status` (its `outcome` field from `Model.Outcome`)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from enum import StrEnum

from django.db import models


class Tone(StrEnum):
    OK = "ok"  # done, in good standing
    WARN = "warn"  # waiting for someone or something
    BAD = "bad"  # refused, failed, needs attention
    INFO = "info"  # under way, nothing to do
    NEUTRAL = "neutral"  # over, or not started


def tones(
    **by_tone: Iterable[str],
) -> Callable[[type[models.TextChoices]], type[models.TextChoices]]:
    """Give each member of a `TextChoices` exactly one tone:
    `@tones(ok=["paid"], warn=["open"], neutral=["void"])`. A member without a
    tone, with two, or an unknown value fails at import time."""

    def decorate(choices: type[models.TextChoices]) -> type[models.TextChoices]:
        mapping: dict[str, Tone] = {}
        for tone, values in by_tone.items():
            for value in values:
                if value not in choices.values or value in mapping:
                    raise ValueError(f"{choices.__qualname__}: bad tone for {value!r}")
                mapping[value] = Tone(tone)
        missing = set(choices.values) - set(mapping)
        if missing:
            raise ValueError(f"{choices.__qualname__}: no tone for {sorted(missing)}")
        choices.TONES = mapping
        choices.tone = property(lambda member: mapping[member.value])
        return choices

    return decorate


def choices_for(model: type[models.Model], field: str) -> type[models.TextChoices]:
    """The `TextChoices` behind a model's status-like field (`status` → `Status`)."""
    return getattr(model, field.title())


def tone_of(obj: models.Model, field: str = "status") -> Tone:
    return choices_for(type(obj), field).TONES[getattr(obj, field)]
