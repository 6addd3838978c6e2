"""Discord ids (snowflakes) and member names as the core accepts them."""

from __future__ import annotations

from governance.errors import InvalidInput

MAX_SNOWFLAKE = 2**63 - 1  # Discord ids are positive and fit a signed 64-bit column
MAX_ACTOR_CHARS = 80


def is_snowflake(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 0 < value <= MAX_SNOWFLAKE


def require_snowflake(value: object, what: str) -> int:
    if not is_snowflake(value):
        raise InvalidInput(f"{what} must be a Discord id (a positive 64-bit number).")
    return value


def require_actor_id(actor_id: str) -> str:
    if not actor_id or len(actor_id) > MAX_ACTOR_CHARS or not actor_id.isprintable():
        raise InvalidInput(f"A member name must be 1 to {MAX_ACTOR_CHARS} printable characters.")
    return actor_id
