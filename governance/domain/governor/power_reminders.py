"""Who a reminder before a Governor vote ends is for, and what it says: members who can still act.

A member with voting power at the proposal's snapshot who has not voted is reminded with their
power; a member who delegated their tokens to someone else is told how that delegate voted (or that
they have not yet); a member with no power at the snapshot gets nothing (nothing they do now counts)."""

from __future__ import annotations

from governance.domain.governor.power import PowerReading, same


def reminder_text(r: PowerReading, ends_in: str) -> str | None:
    """The direct message for this member, or None when they have nothing to act on."""
    if r.proposal_id is None or not r.snapshot_final or r.proposal_state != "active":
        return None
    t = r.token
    where = f"Governor proposal #{r.proposal_number} \"{r.proposal_title}\""
    power = r.power_at_snapshot or 0
    if power > 0:
        if r.has_voted:
            return None
        return (f"Voting on {where} ends in {ends_in} and you have not voted: your wallet {r.wallet} has "
                f"{t.describe(power)} of voting power at its snapshot. Sign your vote with your wallet in the "
                "DAO's voting app. (You opted in to these reminders with /reminders.)")
    balance = r.balance_at_snapshot if r.past_known else r.balance_now
    delegate = r.delegate_at_snapshot if r.past_known else r.delegate_now
    if not balance or delegate is None or same(delegate, r.wallet):
        return None
    if r.delegate_vote is not None:
        how = f"voted {r.delegate_vote.choice} with {t.describe(r.delegate_vote.weight)}"
    elif r.delegate_has_voted:
        how = "has voted (not indexed yet)"
    else:
        how = "has not voted yet"
    return (f"Voting on {where} ends in {ends_in}. Your {t.describe(balance)} are delegated to {delegate}, who "
            f"{how}. (You opted in to these reminders with /reminders.)")
