"""Figures kept per owner row (a park): the counts and sums that portfolio pages
show, so a page reads one row per park instead of counting every unit, lease
or invoice of the portfolio on each view.

A figures table is a model with a one-to-one primary key to its owner and the
`Figures` base below. It is never edited by hand:
- a change to a source row marks its owner's figures stale (`mark_stale`),
  in the same transaction (a rolled-back change leaves them as they were);
- a reader calls `refresh()` first, which recomputes the stale rows (and
  creates missing ones) from the source rows with the model's `compute`, then
  reads the table like any other.

`version` counts the changes, `computed` is the version the figures are of.
A refresh writes its figures only if no change came in since it read the
version (`WHERE version = v`), so a change that races a refresh leaves the row
stale for the next reader instead of lost.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import models
from django.db.models import F, Q


class Figures(models.Model):
    version = models.PositiveBigIntegerField(default=1, editable=False)
    computed = models.PositiveBigIntegerField(default=0, editable=False)

    class Meta:
        abstract = True

    @classmethod
    def compute(cls, keys: list[int]) -> dict[int, dict[str, Any]]:
        """The figures of the given owners, from their source rows: a constant
        number of grouped queries for any number of owners."""
        raise NotImplementedError

    @classmethod
    def mark_stale(cls, keys: Iterable[int] | None = None, **lookups: Any) -> None:
        """The owners' figures no longer hold (every owner's with no argument)."""
        rows = cls._default_manager.filter(**lookups)
        if keys is not None:
            rows = rows.filter(pk__in=list(keys))
        rows.update(version=F("version") + 1)

    @classmethod
    def refresh(cls) -> None:
        """Recompute the stale and missing rows: one query when none is."""
        key = cls._meta.pk
        owner, name = key.related_model, key.remote_field.get_accessor_name()
        stale = dict(
            owner._default_manager.filter(
                Q(**{f"{name}__isnull": True})
                | Q(**{f"{name}__computed__lt": F(f"{name}__version")})
            )
            .order_by()
            .values_list("pk", f"{name}__version")
        )
        if not stale:
            return
        figures = cls.compute(sorted(stale))
        manager = cls._default_manager
        missing = [k for k, version in stale.items() if version is None]
        manager.bulk_create(
            [cls(pk=k, version=1, computed=1, **figures[k]) for k in missing],
            ignore_conflicts=True,  # a concurrent reader created it first
        )
        for k, version in stale.items():
            if version is not None:
                manager.filter(pk=k, version=version).update(
                    computed=version, **figures[k]
                )
