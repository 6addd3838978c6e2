"""The scheduler's Publisher for Discord: digests, reminders and results go to channels,
opt-in reminders to direct messages. Nothing it posts can ping anyone."""

from __future__ import annotations

import asyncio
from collections.abc import Collection

import discord

from bot.discord.digests.embeds import digest_post
from bot.discord.governor import posts as governor_posts
from bot.discord.members import actor_of_member
from bot.discord.replies import NO_MENTIONS
from bot.discord.voting.views import WalletVoteButton
from governance.application import Governance
from governance.domain import Proposal
from governance.domain.governor.posts import GovernorUpdate
from governance.domain.governor.views import GovernorInfo, PendingAction
from governance.scheduler import NowhereToPost, ReminderWindow
from governance.scheduler.publisher import GovernorPost, Thread
from governance.services.closing import CloseResult
from governance.services.digest import Digest


class DiscordPublisher:
    def __init__(self, bot: discord.Client, gov: Governance):
        self.bot = bot
        self.gov = gov

    async def _channel(self, channel_id: int) -> discord.abc.Messageable:
        await self.bot.wait_until_ready()
        return self.bot.get_channel(channel_id) or await self.bot.fetch_channel(channel_id)

    async def _proposal_channel(self, proposal: Proposal) -> tuple[discord.abc.Messageable, int | None]:
        announced = await asyncio.to_thread(self.gov.announcement, proposal.id)
        if announced is None:
            community = await asyncio.to_thread(self.gov.community, proposal.community_id)
            if community.digest_channel_id is None:
                raise NowhereToPost(f"nowhere to post about #{proposal.id}: it was not announced in a channel, "
                                    "and the community has no digest channel (/config digest_channel)")
            return await self._channel(community.digest_channel_id), None
        return await self._channel(announced.channel_id), announced.message_id

    async def post_digest(self, community_id: int, channel_id: int | None, digest: Digest,
                          chart_png: bytes | None) -> None:
        if channel_id is None:
            raise NowhereToPost(f"community {community_id} has no digest channel (/config digest_channel)")
        embed, files = digest_post(digest, chart_png)
        channel = await self._channel(channel_id)
        await channel.send(embed=embed, files=files, allowed_mentions=NO_MENTIONS)

    async def post_reminder(self, proposal: Proposal, window: ReminderWindow) -> None:
        channel, message_id = await self._proposal_channel(proposal)
        text = (f"⏰ Voting on **#{proposal.id} {discord.utils.escape_markdown(proposal.title)}** ends in "
                f"{window.label} ({discord.utils.format_dt(proposal.deadline, 'R')}). "
                "Vote with the buttons on the proposal or `/vote`.")
        await channel.send(text, reference=_reply_to(channel, message_id), allowed_mentions=NO_MENTIONS)

    async def post_result(self, proposal: Proposal, result: CloseResult) -> None:
        channel, message_id = await self._proposal_channel(proposal)
        tally = result.tally
        text = (f"🏁 **#{proposal.id} {discord.utils.escape_markdown(proposal.title)}**: "
                f"**{result.outcome.label}** — For {tally.for_votes} · Against {tally.against_votes} · "
                f"Abstain {tally.abstain_votes}. Check it on-chain with `/verify {proposal.id}`.")
        await channel.send(text, reference=_reply_to(channel, message_id), allowed_mentions=NO_MENTIONS)

    async def eligible_members(self, community_id: int, member_ids: Collection[int]) -> set[int]:
        await self.bot.wait_until_ready()
        guild = self.bot.get_guild(community_id)
        if guild is None:  # served by another process's shards (the scheduler runs in one process)
            try:
                guild = await self.bot.fetch_guild(community_id, with_counts=False)
            except (discord.NotFound, discord.Forbidden):
                return set()  # the bot was removed from the server
        community = await asyncio.to_thread(self.gov.community, community_id)
        eligible = set()
        for member_id in member_ids:
            member = guild.get_member(member_id)
            if member is None:
                try:
                    member = await guild.fetch_member(member_id)
                except discord.NotFound:
                    continue  # left the server
            if actor_of_member(member).may_vote(community):
                eligible.add(member_id)
        return eligible

    async def send_dm(self, member_id: int, text: str) -> None:
        user = self.bot.get_user(member_id) or await self.bot.fetch_user(member_id)
        await user.send(text, allowed_mentions=NO_MENTIONS)

    # a followed Governor's proposals (bot.discord.governor.posts)
    async def announce_governor_proposal(self, community_id: int, channel_id: int, post: GovernorPost) -> int:
        wallet = None  # "Vote with wallet" under an open proposal: the Governor's ballot, signed on the page
        if self.gov.wallet_page_ready and post.proposal.state in ("pending", "active"):
            wallet = discord.ui.View(timeout=None)
            wallet.add_item(WalletVoteButton(post.proposal.number))
        return await governor_posts.announce(await self._channel(channel_id), post, wallet)

    async def post_governor_update(self, community_id: int, thread: Thread, post: GovernorPost,
                                   update: GovernorUpdate) -> None:
        await governor_posts.update(await self._channel(thread.channel_id), thread, post, update)

    async def post_governor_action(self, community_id: int, thread: Thread, info: GovernorInfo,
                                   action: PendingAction) -> None:
        await governor_posts.action(await self._channel(thread.channel_id), thread, info, action)

    async def post_governor_reminder(self, community_id: int, thread: Thread, post: GovernorPost,
                                     window: ReminderWindow) -> None:
        await governor_posts.reminder(await self._channel(thread.channel_id), thread, post, window)


def _reply_to(channel: discord.abc.Messageable, message_id: int | None) -> discord.MessageReference | None:
    """A reply to the proposal's announcement, if it was announced (and still there)."""
    return discord.MessageReference(message_id=message_id, channel_id=channel.id,
                                    fail_if_not_exists=False) if message_id else None
