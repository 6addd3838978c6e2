"""Members' wallets on a followed Governor: which wallet each member linked, and how many signed
delegations the recorder relays for a member each day (a fixed daily window, counted in the run
ledger, whose unique keys make the count safe across instances)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, time
from typing import TypeVar

from governance.domain.scheduled_runs import RunKey, RunStatus
from governance.domain.wallet_links import WalletLinks
from governance.errors import GovernanceError, InvalidInput
from governance.ports import Clock, UnitOfWork

T = TypeVar("T")

DELEGATION_RELAY = "delegation_relay"
BALLOT_RELAY = "ballot_relay"
RELAY_BUDGET = "relay_budget"  # every relay in the community, per UTC day
BUDGET_CHUNK = 200  # budget slots looked up per query
WHAT = {DELEGATION_RELAY: "relayed delegations", BALLOT_RELAY: "relayed ballots"}
NOT_LINKED = ("You have not linked a wallet in this server: link it with /wallet (sign the message it shows), "
              "then ask again.")


def linked_wallets(uow: UnitOfWork, community_id: int) -> dict[str, str]:
    """Each member's wallet ("discord:<id>" → lower-case 0x address); the latest link wins."""
    with uow:
        return WalletLinks.fold(uow.outbox.links(community_id)).by_member()


def claim_relay_slot(uow: UnitOfWork, now: datetime, *, community_id: int, member: str,
                     per_day: int, by: str, kind: str = DELEGATION_RELAY) -> RunKey | None:
    """One of the member's `per_day` relays of this kind today (UTC), or None when all are taken."""
    day = datetime.combine(now.date(), time(), tzinfo=now.tzinfo)
    with uow:
        for slot in range(per_day):
            key = RunKey(community_id, kind, day, f"{member}/{slot}")
            if uow.runs.claim(key, now, by):
                uow.commit()
                return key
    return None


def finish_relay(uow: UnitOfWork, key: RunKey, now: datetime, ok: bool, detail: str) -> None:
    with uow:
        uow.runs.finish(key, RunStatus.POSTED if ok else RunStatus.FAILED, now, detail[:500])
        uow.commit()


def claim_budget_slot(uow: UnitOfWork, now: datetime, *, community_id: int, budget: int, by: str) -> RunKey | None:
    """One of the community's `budget` relays today (UTC), or None when the day's budget is spent."""
    day = datetime.combine(now.date(), time(), tzinfo=now.tzinfo)
    with uow:
        for start in range(0, budget, BUDGET_CHUNK):
            subjects = [f"{community_id}/{now.date().isoformat()}/{i}" for i in range(start, min(start + BUDGET_CHUNK,
                                                                                                  budget))]
            taken = uow.runs.recorded_subjects(RELAY_BUDGET, subjects)
            for subject in subjects:
                if subject not in taken and uow.runs.claim(RunKey(community_id, RELAY_BUDGET, day, subject), now, by):
                    uow.commit()
                    return RunKey(community_id, RELAY_BUDGET, day, subject)
    return None


def claim_allowance(uow: Callable[[], UnitOfWork], clock: Clock, *, community_id: int, member: str, kind: str,
                    per_day: int, daily_budget: int) -> list[RunKey]:
    """One of the member's `per_day` relays of this kind today and one of the community's `daily_budget`
    (their run-ledger keys, to finish with the outcome); InvalidInput when either is spent."""
    mine = claim_relay_slot(uow(), clock.now(), community_id=community_id, member=member, per_day=per_day,
                            by=kind, kind=kind)
    if mine is None:
        raise InvalidInput(f"You reached today's limit of {per_day} {WHAT[kind]} (UTC day); try again tomorrow.")
    budget = claim_budget_slot(uow(), clock.now(), community_id=community_id, budget=daily_budget, by=kind)
    if budget is None:
        finish_relay(uow(), mine, clock.now(), False, "the community's daily relay budget was spent")
        raise InvalidInput(f"This server's relays for today ({daily_budget}) are spent; try again tomorrow.")
    return [mine, budget]


def within_allowance(uow: Callable[[], UnitOfWork], clock: Clock, *, community_id: int, member: str, kind: str,
                     per_day: int, daily_budget: int, relay: Callable[[], T], tx_of: Callable[[T], str]) -> T:
    """Runs `relay` within the member's allowance and the community's budget (see claim_allowance);
    every attempt counts, its outcome recorded with it."""
    slots = claim_allowance(uow, clock, community_id=community_id, member=member, kind=kind, per_day=per_day,
                            daily_budget=daily_budget)
    try:
        done = relay()
    except GovernanceError as error:
        for key in slots:
            finish_relay(uow(), key, clock.now(), False, str(error))
        raise
    for key in slots:
        finish_relay(uow(), key, clock.now(), True, tx_of(done))
    return done
