"""#14's `GovernorVoterReminders`: before a followed Governor's vote ends, a direct message to each
member who opted in (/reminders), linked a wallet, and can still act: one with voting power at the
snapshot who has not voted (`hasVoted`), with their power; one who delegated, with how their delegate
voted. Each message is claimed once in the run ledger, per member and window."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from functools import partial

from governance.domain.governor.power_reminders import reminder_text
from governance.domain.scheduled_runs import RunKey
from governance.domain.votes import discord_voter
from governance.errors import GovernanceError
from governance.ports import FollowedGovernors
from governance.scheduler.governor import subject
from governance.scheduler.posting import Posting
from governance.scheduler.publisher import GovernorPost, ReminderWindow
from governance.services.voting_power import linked_wallets

log = logging.getLogger(__name__)
KIND = "gov_dm"


@dataclass
class PowerReminders:
    posts: Posting  # claims each message once, sends through its publisher
    governors: FollowedGovernors

    async def remind(self, community_id: int, post: GovernorPost, window: ReminderWindow) -> None:
        try:
            messages = await asyncio.to_thread(self.messages, community_id, post, window)
        except GovernanceError as error:  # the node is down, say: the channel's reminder went out anyway
            log.warning("the Governor reminder DMs of proposal #%s were not sent: %s", post.proposal.number, error)
            return
        if not messages:
            return
        eligible = await self.posts.publisher.eligible_members(community_id, set(messages))
        for member_id in sorted(set(messages) & set(eligible)):
            key = RunKey(community_id, f"{KIND}_{window.key}", post.proposal.created_at,
                         f"{subject(post.proposal)}/member:{member_id}")
            # DMs fail routinely (closed DMs, members who left): log without a traceback, go on
            await self.posts.claim_and_send(key, partial(self.posts.publisher.send_dm, member_id, messages[member_id]),
                                            f"the Governor reminder DM to member {member_id}", traceback=False)

    def messages(self, community_id: int, post: GovernorPost, window: ReminderWindow) -> dict[int, str]:
        """Blocking: member id → the message, for those who opted in, linked a wallet and can act."""
        with self.posts.read_uow() as uow:
            opted_in = uow.reminder_opt_ins.members(community_id)
        wallets = linked_wallets(self.posts.read_uow(), community_id) if opted_in else {}
        found = {}
        for member_id in sorted(opted_in):
            wallet = wallets.get(discord_voter(member_id))
            if wallet is None:
                continue
            reading = self.governors.voting_power(community_id, wallet, post.proposal.proposal_id)
            text = reminder_text(reading, window.label)
            if text is not None:
                found[member_id] = text
        return found
