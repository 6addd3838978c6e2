"""What the bot needs from the rest of folkmoot: small Protocols, their values, and the bundle.

The bot receives a `BotServices` (built in `bot.discord.runner` from `governance.bootstrap`)
and never imports an implementation. The values here are plain data, so the AI,
chain and digest services can implement these Protocols without importing discord.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from governance.app import Governance
from governance.domain import Actor, Proposal, Tally


@dataclass(frozen=True)
class Draft:
    """A proposal text the assistant wrote from an idea or from feedback."""

    title: str
    body: str  # Markdown with the standard sections
    provenance_id: int | None = None  # the AI output record, stored with the revision
    note: str | None = None  # shown with the draft: fallback reasons, feedback it could not apply
    model_label: str = ""  # shown in the footer: "Qwen2.5-0.5B-Instruct", "produced without a language model"


@dataclass(frozen=True)
class Summary:
    text: str  # Markdown
    provenance: str  # one line for the footer: model, prompt version, provenance record


@dataclass(frozen=True)
class SimilarProposal:
    proposal_id: int
    title: str
    score: float  # 0..1, higher is closer


@dataclass(frozen=True)
class VerifyItem:
    """One thing compared between the database and the chain."""

    name: str  # e.g. "revision 2 content hash", "vote of discord:123"
    ok: bool | None  # None: not on-chain yet (written in the next batch)
    detail: str


@dataclass(frozen=True)
class DigestFile:
    filename: str
    data: bytes


@dataclass(frozen=True)
class Digest:
    title: str
    text: str  # Markdown
    sections: tuple[tuple[str, str], ...] = ()  # (heading, Markdown), one embed field each
    files: tuple[DigestFile, ...] = ()  # charts and the like, attached to the post
    footer: str | None = None


@dataclass(frozen=True)
class PostedMessage:
    channel_id: int
    message_id: int


class Assistant(Protocol):
    """The language-model features. Implementations run inference off the event loop."""

    async def draft(self, idea: str) -> Draft: ...

    async def revise(self, title: str, body: str, feedback: str) -> Draft: ...

    async def summarize(self, proposal: Proposal) -> Summary: ...

    async def similar(self, community_id: int, idea: str) -> list[SimilarProposal]:
        """Existing proposals of the community close to the idea, closest first."""


class ChainRecords(Protocol):
    """What the bot shows of the on-chain record."""

    @property
    def configured(self) -> bool:
        """False when no chain is configured: the bot then says so instead of asking."""

    async def verify(self, proposal_id: int) -> list[VerifyItem]: ...

    async def vote_receipt(self, proposal_id: int, voter: str, sequence: int) -> str | None:
        """The transaction hash recording that vote (Vote.changes == sequence), once confirmed."""

    async def recorded_tally(self, proposal_id: int) -> Tally | None:
        """The tally as the chain has it, or None if nothing is recorded yet."""

    async def wallet_instructions(self, community_id: int) -> str:
        """Markdown: how a member votes with a wallet signature."""

    async def link_wallet(self, community_id: int, actor: Actor, address: str, signature: str) -> None:
        """Links a wallet the member proved to control (raises a GovernanceError otherwise)."""


class DigestService(Protocol):
    async def build(self, community_id: int) -> Digest: ...


class PublishedMessages(Protocol):
    """Where each published proposal was posted, so reminders and results go to that channel.

    Blocking calls (a database later); the bot runs them off the event loop.
    """

    def remember(self, proposal_id: int, posted: PostedMessage) -> None: ...

    def find(self, proposal_id: int) -> PostedMessage | None: ...


class BackgroundTask(Protocol):
    """Something that runs beside the bot for its whole life."""

    async def start(self) -> None: ...

    async def stop(self) -> None: ...


class InMemoryPublishedMessages:
    """Forgets on restart; stands in until the proposal_message table exists."""

    def __init__(self) -> None:
        self._posted: dict[int, PostedMessage] = {}

    def remember(self, proposal_id: int, posted: PostedMessage) -> None:
        self._posted[proposal_id] = posted

    def find(self, proposal_id: int) -> PostedMessage | None:
        return self._posted.get(proposal_id)


@dataclass
class BotServices:
    governance: Governance
    assistant: Assistant
    chain: ChainRecords
    digest: DigestService
    published: PublishedMessages = field(default_factory=InMemoryPublishedMessages)
    # started in setup_hook, stopped on close: the chain relayer loop, the scheduler (see BackgroundTask)
    background: tuple[BackgroundTask, ...] = ()
