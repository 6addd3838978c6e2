"""The demo's cast and script: who proposes what, and how 25 members vote."""

from __future__ import annotations

from governance.domain import Actor, Support

GUILD_ID = 1_100_000_000_000_000_001
VOTER_ROLE = 1_100_000_000_000_000_100
ELIGIBLE = 40  # members holding the voter role; 25 of them take part

ADMIN = Actor(id="discord:1200000000000000999", is_admin=True)
OUTSIDER = Actor(id="discord:1300000000000000000")

IDEA = ("Turn the unused east lot into a shared vegetable garden run by volunteers. Members asked for an "
        "outdoor project that anyone can join. We would build twelve raised beds, a tool shed and a "
        "rain-water tank over two weekends. A dry summer could make watering hard.")
DRAFT_TITLE = "Fund a community garden on the east lot"
DRAFT_BODY = """\
## Summary
Turn the unused east lot into a shared vegetable garden run by volunteers.

## Motivation
Members asked for an outdoor project that anyone can join.

## Specification
Twelve raised beds, a tool shed and a rain-water tank, built over two weekends."""
REVISED_BODY = DRAFT_BODY + """

## Budget
1,800 USDC from the community treasury: 1,100 for beds and soil, 500 for the shed, 200 for the tank.

## Timeline
Build in March; first planting in April."""

SECOND_TITLE = "Keep the library open on Sunday afternoons"
SECOND_BODY = "Open the community library from 14:00 to 18:00 on Sundays, staffed by two volunteers."
SECOND_VOTES = [Support.FOR] * 5 + [Support.AGAINST] * 2
DIGEST_CHANNEL = 1_100_000_000_000_000_200

FIRST_VOTES = [Support.FOR] * 13 + [Support.AGAINST] * 8 + [Support.ABSTAIN] * 4
CHANGES = {3: Support.AGAINST, 15: Support.FOR, 16: Support.FOR}
WALLET_VOTER = 24  # abstained on Discord, then votes For with a wallet signature
PAGE_VOTER = 7  # voted For on Discord, then votes For again on the wallet page (links and signs in her wallet)
TAMPERED_VOTER = 20


def member(n: int) -> Actor:
    return Actor(id=f"discord:{1_200_000_000_000_000_000 + n}", role_ids=frozenset({VOTER_ROLE}))

# A DAO that already votes on-chain: its own OpenZeppelin Governor, followed by folkmoot in its server
DAO_GUILD_ID = 1_100_000_000_000_000_002
DAO_CHANNEL = 1_100_000_000_000_000_300
DAO_WEIGHTS = [400_000, 250_000, 100_000, 50_000, 20_000]  # RIVER held (and self-delegated) by five people
DAO_TREASURY = 180_000
DAO_VOTES = [(0, 1, ""), (1, 0, "Too much for one quarter."), (2, 2, ""), (3, 1, "")]  # holder, support, reason
# The real proposal it replays, byte for byte (ens-ep-6-29.json, copied from the DAO proposals corpus:
# blockful/dao-proposals, MIT License, Copyright (c) 2024 Paul Razvan Berg); its calls pay USDC, so
# the demo chain carries a stand-in USDC at USDC's mainnet address (name, symbol and decimals only)
REAL_PROPOSAL = "ens-ep-6-29.json"
USDC = "0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48"
STAND_IN_TOKENS = {USDC: ("USD Coin", "USDC", 6)}
ALTERED_CALL, ALTERED_AMOUNT = 2, 1_100_000 * 10**6  # the altered copy's third transfer: 1,100,000 USDC
