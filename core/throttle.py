"""One throttle for every door that checks a password (the sign-in page, the API
token endpoint, the admin login) and for sign-up.

Failures are counted per account *and* client, in a store all workers share (the
`throttle` cache: a database table by default, Redis when REDIS_URL is set). After
a few free tries each further failure doubles a waiting time, capped: a stranger
on another address never locks the owner out, and guessing slows to a crawl.
A second, wider count per client slows one address trying many accounts.
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import caches
from django.utils.translation import gettext as _

from core.errors import DomainError


class TooManyAttempts(DomainError):
    status = 429
    code = "too_many_attempts"

    def __init__(self, message: str, *, retry_after: int = 0, **kwargs) -> None:
        super().__init__(message, **kwargs)
        self.retry_after = retry_after


@dataclass(frozen=True)
class Door:
    """One kind of counted attempt: free tries, then a doubling wait up to a cap."""

    name: str
    free: int
    base_delay: int
    max_delay: int
    memory: int  # seconds a count is remembered after the last attempt


def _store():
    return caches["throttle"]


def _key(door: Door, *parts: str) -> str:
    digest = hashlib.sha256("|".join(parts).encode()).hexdigest()
    return f"throttle:{door.name}:{digest}"


def _wait(door: Door, key: str) -> int:
    state = _store().get(key) or {}
    return max(0, int(state.get("until", 0) - time.time()))


def _hit(door: Door, key: str) -> None:
    store = _store()
    state = store.get(key) or {"count": 0, "until": 0}
    state["count"] += 1
    over = state["count"] - door.free
    if over >= 0:
        delay = min(door.base_delay * 2**over, door.max_delay)
        state["until"] = time.time() + delay
    store.set(key, state, door.memory)


def _refuse(seconds: int) -> TooManyAttempts:
    return TooManyAttempts(
        _("Too many failed sign-in attempts. Try again in %(seconds)s seconds.")
        % {"seconds": max(seconds, 1)},
        retry_after=max(seconds, 1),
    )


def _door(name: str, free: int) -> Door:
    return Door(
        name,
        free=free,
        base_delay=settings.LOGIN_THROTTLE_BASE_DELAY,
        max_delay=settings.LOGIN_THROTTLE_MAX_DELAY,
        memory=settings.LOGIN_THROTTLE_WINDOW,
    )


def login_door() -> Door:
    return _door("login", settings.LOGIN_THROTTLE_ATTEMPTS)


def client_door() -> Door:
    return _door("login-client", settings.LOGIN_THROTTLE_CLIENT_ATTEMPTS)


def _account(email: str) -> str:
    return (email or "").strip().lower()


def login_check_allowed(*, email: str, ip: str) -> None:
    """Raise TooManyAttempts while this account, from this client, must wait."""
    wait = max(
        _wait(login_door(), _key(login_door(), _account(email), ip)),
        _wait(client_door(), _key(client_door(), ip)),
    )
    if wait:
        raise _refuse(wait)


def login_failed(*, email: str, ip: str) -> None:
    _hit(login_door(), _key(login_door(), _account(email), ip))
    _hit(client_door(), _key(client_door(), ip))


def login_succeeded(*, email: str, ip: str) -> None:
    _store().delete(_key(login_door(), _account(email), ip))


def signup_check_allowed(*, ip: str) -> None:
    """Count a sign-up from this client; refuse while it must wait."""
    door = _door("signup", settings.SIGNUP_THROTTLE_ATTEMPTS)
    key = _key(door, ip)
    wait = _wait(door, key)
    if wait:
        raise TooManyAttempts(
            _("Too many sign-ups from this address. Try again in %(seconds)s seconds.")
            % {"seconds": wait},
            retry_after=wait,
        )
    _hit(door, key)


def client_ip(request) -> str:
    """The caller's address: REMOTE_ADDR, or, behind a trusted proxy, the address
    that proxy saw (TRUSTED_PROXY_HEADER, counting TRUSTED_PROXY_COUNT hops from
    the right, since only the entries our own proxies appended can be trusted)."""
    header = settings.TRUSTED_PROXY_HEADER
    if header:
        meta = "HTTP_" + header.upper().replace("-", "_")
        hops = [h.strip() for h in request.META.get(meta, "").split(",") if h.strip()]
        if len(hops) >= settings.TRUSTED_PROXY_COUNT:
            return hops[-settings.TRUSTED_PROXY_COUNT]
    return request.META.get("REMOTE_ADDR", "")
