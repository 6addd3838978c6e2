"""Reminder opt-ins: a member asks for (or stops) a DM before deadlines they have not voted on."""

from __future__ import annotations

from governance.ports import Clock, UnitOfWork


def set_dm_reminders(uow: UnitOfWork, clock: Clock, *, community_id: int, member_id: int,
                     wanted: bool) -> None:
    with uow:
        if wanted:
            uow.reminder_opt_ins.opt_in(community_id, member_id, clock.now())
        else:
            uow.reminder_opt_ins.opt_out(community_id, member_id)
        uow.commit()
