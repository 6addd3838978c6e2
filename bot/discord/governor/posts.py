"""The scheduler's posts about a followed Governor, sent to Discord: the announcement (its message
id is kept, so updates, the watchdog and reminders reply to it), and the replies. Nothing posted
can ping anyone."""

from __future__ import annotations

import discord

from bot.discord.governor.embeds import action_post, card
from bot.discord.limits import CONTENT, shorten
from bot.discord.replies import NO_MENTIONS
from governance.domain.governor.posts import GovernorUpdate
from governance.domain.governor.views import GovernorInfo, PendingAction
from governance.scheduler.governor_text import reminder_text, update_text
from governance.scheduler.publisher import GovernorPost, ReminderWindow, Thread
from governance.services.engines.governor import as_count


async def announce(channel: discord.abc.Messageable, post: GovernorPost, view: discord.ui.View | None = None) -> int:
    """The proposal's card; `view`: its "Vote with wallet" button when the wallet page is set up."""
    embed, files = card(post.proposal, as_count(post.tally), post.info, post.summary)
    extra = {"view": view} if view is not None else {}
    message = await channel.send(content=f"📜 New proposal on the Governor: **#{post.proposal.number}**",
                                 embed=embed, files=files, allowed_mentions=NO_MENTIONS, **extra)
    return message.id


async def update(channel: discord.abc.Messageable, thread: Thread, post: GovernorPost, change: GovernorUpdate) -> None:
    await channel.send(_plain(update_text(post, change)), reference=reply_to(channel, thread),
                       allowed_mentions=NO_MENTIONS)


async def action(channel: discord.abc.Messageable, thread: Thread, info: GovernorInfo,
                 pending: PendingAction) -> None:
    text, files = action_post(pending, info)
    await channel.send(text, files=files, reference=reply_to(channel, thread), allowed_mentions=NO_MENTIONS)


async def reminder(channel: discord.abc.Messageable, thread: Thread, post: GovernorPost,
                   window: ReminderWindow) -> None:
    await channel.send(_plain(reminder_text(post, window)), reference=reply_to(channel, thread),
                       allowed_mentions=NO_MENTIONS)


def reply_to(channel: discord.abc.Messageable, thread: Thread) -> discord.MessageReference | None:
    """A reply to the announcement (if it is still there; else a plain post)."""
    if thread.reply_to is None:
        return None
    return discord.MessageReference(message_id=thread.reply_to, channel_id=thread.channel_id,
                                    fail_if_not_exists=False)


def _plain(text: str) -> str:
    """The proposer's title may carry Markdown; it is shown as written."""
    return shorten(discord.utils.escape_markdown(text, as_needed=True), CONTENT)
