"""Members' wallets on a followed Governor: which wallet each member linked, and how many signed
delegations the recorder relays for a member each day (a fixed daily window, counted in the run
ledger, whose unique keys make the count safe across instances)."""

from __future__ import annotations

from datetime import datetime, time

from governance.domain.outbox import RecordStatus
from governance.domain.scheduled_runs import RunKey, RunStatus
from governance.ports import UnitOfWork

DELEGATION_RELAY = "delegation_relay"
BALLOT_RELAY = "ballot_relay"
NOT_LINKED = ("You have not linked a wallet in this server: link it with /wallet (sign the message it shows), "
              "then ask again.")


def linked_wallets(uow: UnitOfWork, community_id: int) -> dict[str, str]:
    """Each member's wallet ("discord:<id>" → lower-case 0x address); the latest link wins."""
    with uow:
        return {r.payload["voter"]: r.payload["wallet"].lower() for r in uow.outbox.links(community_id)
                if r.status is not RecordStatus.FAILED}


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
