"""The /wallet embed: how a member votes with a wallet signature here."""

from __future__ import annotations

import discord

from bot.discord.limits import DESCRIPTION, fit, shorten

NO_CHAIN = "No chain is configured for this bot, so nothing is recorded on-chain yet."


def instructions(community_id: int, location: str | None, chain_configured: bool) -> str:
    """Markdown: linking a wallet once, then signing ballots (or why it is not possible here)."""
    if not chain_configured:
        return (f"{NO_CHAIN}\n\nWallet voting (signing your vote with an Ethereum wallet) becomes available "
                "once the server's operator connects a chain. Until then, vote with the buttons under a "
                "proposal or with `/vote`.")
    where = f"This server's ledger is `{location}`." if location else (
        "This server's ledger is deployed with its first record.")
    return (
        f"{where}\n\n"
        "**1. Link your wallet once.** Sign this exact message with your wallet (personal_sign):\n"
        "`I link wallet <your address, lower case> to my folkmoot vote as discord:<your member id> "
        f"in community {community_id}.`\n"
        "then run `/wallet` with your `address` and the `signature`. Your wallet then votes in "
        "your own slot: a wallet vote replaces your button vote, never adds to it.\n\n"
        "**2. Vote.** Sign the EIP-712 `Ballot(bytes32 proposalKey, uint8 support, address voter, "
        "uint256 nonce, uint256 deadline)` for the ledger above (domain `FolkmootLedger`, version `1`); "
        "`proposalKey` is the proposal number as a 32-byte big-endian integer, `support` is "
        "0 Against, 1 For, 2 Abstain, `nonce` is `nonces(your address)`. Anyone may submit it with "
        "`castVoteBySig`; the bot picks it up and shows it in `/tally`."
    )


def governor_instructions(community_id: int) -> str:
    """Markdown: linking a wallet in a server that follows an on-chain Governor (nothing is written on-chain)."""
    return (
        "This server follows the DAO's on-chain Governor: your wallet votes there with its tokens' voting power.\n\n"
        "**Link your wallet** so folkmoot can tell you about your voting power. Sign this exact message with "
        "your wallet (personal_sign):\n"
        "`I link wallet <your address, lower case> to my folkmoot vote as discord:<your member id> "
        f"in community {community_id}.`\n"
        "then run `/wallet` with your `address` and the `signature`.\n\n"
        "`/why-zero` then explains your voting power on each proposal, and `/reminders on` reminds you "
        "before a vote ends while you can still act."
    )


def wallet(text: str) -> discord.Embed:
    embed = discord.Embed(title="Voting with a wallet", colour=discord.Colour.blurple(),
                          description=shorten(text, DESCRIPTION))
    return fit(embed)
