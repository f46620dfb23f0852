"""Figures kept per owner row (a park): the counts and sums that portfolio pages
show, so a page reads one row per park instead of counting every unit, lease
or invoice of the portfolio on each view.

A figures table is a model with a one-to-one primary key to its owner and the
`Figures` base below. It is never edited by hand:
- a change to a source row marks its owner's figures stale (`mark_stale`),
  in the same transaction (a rolled-back change leaves them as they were);
- a reader calls `refresh()` first, which recomputes the stale rows (and
  creates missing ones) from the source rows with the model's `compute`, then
  reads the table like any other;
- figures that hold only until a date (a rent escalates at its lease's
  anniversary) name it in `expired`: the first reader after it recomputes them.

`version` counts the changes, `computed` is the version the figures are of.
A refresh writes its figures only if no change came in since it read the
version (`WHERE version = v`), so a change that races a refresh leaves the row
stale for the next reader instead of lost.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from typing import Any

from django.core.cache import cache
from django.db import models
from django.db.models import Count, F, Q, Sum
from django.db.models.signals import post_delete, post_save

# A memo's key changes with the figures; the timeout only frees stale entries.
MEMO_SECONDS = 24 * 60 * 60


def status_count(
    by_status: dict[str, int], status: str = "", excluding: tuple[str, ...] = ()
) -> int:
    """A figure kept as counts by status ({"open": 3, "paid": 5}): those of
    one status, or of all but the excluded ones."""
    return sum(
        n
        for s, n in by_status.items()
        if s not in excluding and (not status or s == status)
    )


class Figures(models.Model):
    version = models.PositiveBigIntegerField(default=1, editable=False)
    computed = models.PositiveBigIntegerField(default=0, editable=False)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{self.pk} v{self.version}"

    @classmethod
    def follow_owner(cls) -> None:
        """A new owner (a park) gets its row at once, with nothing to count yet,
        so that any change after it moves a version."""

        def created(instance: Any, created: bool, **kwargs: Any) -> None:
            if created and not kwargs.get("raw"):
                cls._default_manager.get_or_create(
                    pk=instance.pk, defaults={"computed": 1}
                )

        owner = cls._meta.pk.remote_field.model  # a class: models may not be ready
        post_save.connect(created, sender=owner, weak=False)

    @classmethod
    def follow(cls, sender: type[models.Model], owners: Callable[[Any], dict]) -> None:
        """A saved or deleted `sender` row marks stale the figures that
        `owners(row)` finds (lookups on the figures)."""

        def changed(instance: Any, **kwargs: Any) -> None:
            if not kwargs.get("raw"):
                cls.mark_stale(**owners(instance))

        for signal in (post_save, post_delete):
            signal.connect(changed, sender=sender, weak=False)

    @classmethod
    def memo(
        cls,
        key: str,
        compute: Callable[[], Any],
        *,
        refresh: bool = True,
        **owners: Any,
    ) -> Any:
        """What `compute()` derives from the figures of the owners that
        `owners` finds (lookups on the figures), computed once per change to
        any of them: cached under the key and their versions, which every
        change moves. `key` names everything else the value depends on (the
        day, the language, the user's organisations).

        `refresh=False` for a value computed from the source rows, not from the
        figures: their versions are read as they are, without recomputing
        stale figures first; an owner without a row yet (no version to move)
        is computed every time until it has one."""
        if refresh:
            cls.refresh()  # every owner has its row, so every change moves a version
        stamp = cls._default_manager.filter(**owners).aggregate(
            v=Sum("version"), n=Count("pk")
        )
        if not refresh and not stamp["n"]:
            return compute()
        key = hashlib.sha256(key.encode()).hexdigest()[:32]  # any characters
        name = f"figures:{cls._meta.label}:{key}:{stamp['v']}:{stamp['n']}"
        return cache.get_or_set(name, compute, timeout=MEMO_SECONDS)

    @classmethod
    def expired(cls, prefix: str = "") -> Q:
        """Rows whose figures no longer hold by the date alone (none here); a
        lookup on the figures, or from the owner with `prefix` ("figures__").
        A memo of such figures names the day in its key."""
        return Q(pk__in=[])

    @classmethod
    def holding(cls) -> models.QuerySet:
        """The rows whose figures hold now: computed at their version and not
        expired (a reader that refreshes nothing reads these, else the rows)."""
        return cls._default_manager.filter(computed=F("version")).exclude(cls.expired())

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
                | cls.expired(f"{name}__")
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
        for k, version in sorted(stale.items()):  # one lock order for everyone
            if version is not None:
                manager.filter(pk=k, version=version).update(
                    computed=version, **figures[k]
                )
