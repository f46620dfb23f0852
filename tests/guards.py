"""The guard-agreement check every state machine's tests share: for every
state, every actor and every step, the action takes the step exactly when the
guard the page asks allows it, and each step is both taken and refused
somewhere (a check that never meets one of the two proves nothing)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import transaction

from core.errors import DomainError

# A step's action: (the object as read afresh, the actor) → whatever it returns.
Run = Callable[[Any, Any], Any]
# The page's guard: (object, actor, step name) → may the actor take the step?
Guard = Callable[[Any, Any, str], bool]


def allowed_action(obj: Any, actor: Any, step: str) -> bool:
    """The guard of an object with `allowed_actions(actor)`."""
    return step in obj.allowed_actions(actor)


def can_verb(obj: Any, actor: Any, step: str) -> bool:
    """The guard of an object with a `can_<step>(actor)` per step."""
    return getattr(obj, f"can_{step}")(actor)


def refusal(run: Callable[[], Any]) -> str | None:
    """Run one step in a savepoint and roll it back: None when the action took
    it, else the code of its refusal."""
    try:
        with transaction.atomic():
            run()
            transaction.set_rollback(True)
    except DomainError as exc:
        return exc.code or type(exc).__name__
    return None


def disagreements(
    objects: dict[str, Any],
    actors: dict[str, Any],
    steps: dict[str, Run],
    guard: Guard = allowed_action,
) -> tuple[list[tuple], set[tuple[str, bool]]]:
    """Every (state, actor, step) where the action's outcome differs from the
    guard's answer (with the refusal's code); and the outcomes seen."""
    wrong, seen = [], set()
    for state, obj in objects.items():
        model = type(obj)
        for who, actor in actors.items():
            for step, run in steps.items():
                allowed = guard(model.objects.get(pk=obj.pk), actor, step)
                why = refusal(lambda: run(model.objects.get(pk=obj.pk), actor))  # noqa: B023
                if (why is None) != allowed:
                    wrong.append((state, who, step, allowed, why))
                seen.add((step, why is None))
    return wrong, seen


def assert_guards_agree(
    objects: dict[str, Any],
    actors: dict[str, Any],
    steps: dict[str, Run],
    guard: Guard = allowed_action,
) -> None:
    wrong, seen = disagreements(objects, actors, steps, guard)
    assert wrong == []
    assert seen == {(step, took) for step in steps for took in (True, False)}


# step: (its guard as (object, actor) → bool, its action)
GuardedSteps = dict[str, tuple[Callable[[Any, Any], bool], Run]]


def assert_each_guard_agrees(
    objects: dict[str, Any], actors: dict[str, Any], steps: GuardedSteps
) -> None:
    """`assert_guards_agree` for steps that each name their own guard."""
    runs = {step: run for step, (_, run) in steps.items()}
    assert_guards_agree(
        objects, actors, runs, lambda obj, actor, step: steps[step][0](obj, actor)
    )
