"""Following an existing on-chain Governor: attach, index, read, summarize, watch.

The use cases `folkmoot governor …`, `/config governor`, the bot's chain loop, its scheduled
posts and the Governor side of the voting-engine port call, over the `FollowedGovernors` port
(built in governance.bootstrap on the app's chain connection)."""

from __future__ import annotations

from datetime import datetime, timedelta

from governance.ai.call_facts import facts_of_calls
from governance.ai.results import AiResult
from governance.application.chain import ChainRecord
from governance.domain import Actor, ProposalState
from governance.domain.governor.call_text import calls_text
from governance.domain.governor.schedule import due_actions, ending_soon
from governance.domain.governor.views import (
    GovernorChange,
    GovernorInfo,
    GovernorProposal,
    PendingAction,
    SyncResult,
    TokenTally,
)
from governance.errors import InvalidState, NotAllowed, Unavailable
from governance.ports import FollowedGovernors

NO_GOVERNORS = ("No chain is configured (FOLKMOOT_CHAIN=off): set FOLKMOOT_CHAIN=rpc and FOLKMOOT_CHAIN_RPC_URL "
                "to the Governor's chain.")
SUMMARIZED_CHARS = 50_000  # of a description; past it (megabytes happen), the rest is named, not read
WATCHED = 100  # newest proposals the watchdog and reminders look at


class Governors(ChainRecord):
    def _require_governors(self) -> FollowedGovernors:
        if self.governors is None:
            raise Unavailable(NO_GOVERNORS)
        return self.governors

    def follows_governor(self, community_id: int) -> bool:
        return self.governors is not None and self.governors.follows(community_id)

    def communities_following_governors(self) -> list[int]:
        return self.governors.following() if self.governors is not None else []

    def attach_governor(self, community_id: int, actor: Actor, address: str, from_block: int | None = None,
                        expect_chain_id: int | None = None, channel_id: int | None = None) -> GovernorInfo:
        """The community follows this Governor from now (or from `from_block`), after checking what
        it is; attaching the same one again refreshes what it exposes and keeps the index.
        channel_id: where its proposals are announced (default: the digest channel). Audited."""
        governors = self._require_governors()
        self.community(community_id)  # a clear error for an unknown community
        if not actor.is_admin:
            raise NotAllowed("Only server managers can choose the Governor this server follows.")
        with self.read_uow() as uow:
            open_here = uow.proposals.list(community_id, (ProposalState.ACTIVE,), 1)
        if open_here:
            raise InvalidState(f"Community {community_id} has proposals open for votes here (#{open_here[0].id}); "
                               "close or withdraw them before following a Governor.")
        info = governors.attach(community_id, (address or "").strip(), from_block, expect_chain_id)
        if channel_id is not None:
            info = governors.set_channel(community_id, channel_id)
        with self.uow() as uow:
            uow.audit.add(community_id, actor.id, "governor_attached",
                          {"address": info.address, "chain_id": info.chain_id, "from_block": info.start_block,
                           "channel_id": info.channel_id}, self.clock.now())
            uow.commit()
        return info

    def sync_governors(self, community_id: int | None = None, max_ranges: int | None = None,
                       range_size: int | None = None) -> dict[int, SyncResult]:
        """Index new events (every followed Governor, or one community's)."""
        return self._require_governors().sync(community_id, max_ranges, range_size)

    def governor_info(self, community_id: int) -> GovernorInfo:
        return self._require_governors().info(community_id)

    def governor_proposals(self, community_id: int, limit: int = 25, open_only: bool = False
                           ) -> list[GovernorProposal]:
        return self._require_governors().proposals(community_id, limit, open_only)

    def governor_proposal(self, community_id: int, reference: str | int) -> GovernorProposal:
        """By its number in the community ("3", "#3") or the Governor's id."""
        return self._require_governors().proposal(community_id, reference)

    def governor_tally(self, community_id: int, reference: str | int) -> TokenTally:
        """By its number in the community or the Governor's id: proposalVotes, quorum at the snapshot."""
        return self._require_governors().tally(community_id, str(reference))

    def governor_changes(self, community_id: int, since: datetime, big_vote_share: float = 0.1
                         ) -> list[GovernorChange]:
        """For digests: new proposals, big votes, quorum reached, queued, executed, canceled."""
        return self._require_governors().changes_since(community_id, since, big_vote_share)

    def governor_ending_soon(self, community_id: int, within: timedelta, limit: int = WATCHED
                             ) -> list[GovernorProposal]:
        """For reminders: active proposals whose voting ends within `within`."""
        open_now = self._require_governors().proposals(community_id, limit, True)
        return ending_soon(open_now, self.clock.now(), within)

    def governor_watchdog(self, community_id: int, expiring_within: timedelta = timedelta(days=2),
                          limit: int = WATCHED) -> list[PendingAction]:
        """Proposals to queue, to execute, or about to expire, each with the exact call."""
        found = self._require_governors().proposals(community_id, limit)
        return due_actions(found, self.clock.now(), expiring_within)

    def summarize_governor(self, proposal: GovernorProposal, community_id: int | None = None) -> AiResult:
        """The AI summary of a Governor proposal: its description (within the model's budget) and
        its decoded calls, whose amounts and recipients are facts the summary must keep. Blocking,
        like every AI use case: the bot runs it on the inference worker (`infer`)."""
        return self._require_ai().summarize(summary_source(proposal), community_id=community_id,
                                            extra=facts_of_calls(proposal.calls))


def summary_source(proposal: GovernorProposal) -> str:
    """What the model reads: the description as written (its first SUMMARIZED_CHARS characters)
    and the calls folkmoot decoded from the calldata."""
    description = proposal.description
    if len(description) > SUMMARIZED_CHARS:
        cut = description.rfind("\n\n", 0, SUMMARIZED_CHARS)
        kept = description[: cut if cut > SUMMARIZED_CHARS // 2 else SUMMARIZED_CHARS]
        description = (f"{kept}\n\n[The description continues for {len(proposal.description) - len(kept):,} "
                       "more characters, not summarized here.]")
    if not description.lstrip().startswith("#"):
        description = f"# {proposal.title}\n\n{description}"
    return (f"{description}\n\n## Calls this proposal executes (decoded from its calldata)\n"
            f"{calls_text(proposal.calls)}")
