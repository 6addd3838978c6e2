"""How a member names a Governor proposal: its short number in the community (`3` or `#3`), or
the Governor's own id (a uint256, up to 78 digits, as Etherscan and Tally show it).

The two never collide in practice: a short number is small, while an id is a keccak hash, below
10**18 with a chance of about 1 in 10**59."""

from __future__ import annotations

from dataclasses import dataclass

from governance.errors import InvalidInput

LONGEST_NUMBER = 18  # digits; a Discord integer option holds up to 2**53 anyway
UINT256_DIGITS = 78


@dataclass(frozen=True)
class Reference:
    number: int | None = None  # the community's short number
    proposal_id: str | None = None  # the Governor's id, decimal


def parse_reference(text: str | int) -> Reference:
    raw = str(text).strip().removeprefix("#").strip()
    if not (raw.isascii() and raw.isdigit()) or len(raw) > UINT256_DIGITS:
        raise InvalidInput("Name a Governor proposal by its number (#3) or the Governor's id "
                           "(a whole number of up to 78 digits).")
    value = int(raw)
    if value >= 2**256:
        raise InvalidInput("A Governor proposal id is below 2**256.")
    if len(raw.lstrip("0") or "0") <= LONGEST_NUMBER:
        if value < 1:
            raise InvalidInput("Proposal numbers start at 1.")
        return Reference(number=value)
    return Reference(proposal_id=str(value))
