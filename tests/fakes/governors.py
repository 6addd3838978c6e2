"""The FollowedGovernors port in memory: a test puts a Governor's proposals, counts and events here
(what the adapter reads from the index and the chain), and sees what was synced and announced.
The real adapter runs against a real OpenZeppelin Governor in tests/integration/governor."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta

from governance.domain.engines import ProposalHeading
from governance.domain.governor.calls import TokenInfo
from governance.domain.governor.power import PowerReading
from governance.domain.governor.views import (
    ExactCall,
    GovernorAnnouncement,
    GovernorChange,
    GovernorInfo,
    GovernorProposal,
    IndexCheck,
    SyncResult,
    TokenTally,
    VotingWindow,
)
from governance.errors import NotFound, Unavailable

FOLK = TokenInfo("0x" + "f0" * 20, "FOLK", 18)
UNIT = 10**18
GOVERNOR = "0x" + "60" * 20


def governor_info(community_id: int, attached_at: datetime, channel_id: int | None = None) -> GovernorInfo:
    return GovernorInfo(community_id, GOVERNOR, 1, "OpenZeppelin Governor 5.x", "Folk Governor", FOLK,
                        "timestamp", None, None, 60, 86_400, 0, "support=bravo&quorum=for,abstain", 0, 0,
                        channel_id, attached_at)


def proposal(number: int, state: str = "active", *, opens: datetime, period: timedelta = timedelta(days=2),
             title: str | None = None, calls: list[dict] | None = None, created: datetime | None = None,
             next_call: ExactCall | None = None, eta: datetime | None = None) -> GovernorProposal:
    """A proposal on a timestamp clock, so its window is exact."""
    start = int(opens.timestamp())
    window = VotingWindow(start, start + int(period.total_seconds()), "timestamp", opens, opens + period, False)
    title = title or f"Proposal {number}"
    return GovernorProposal(str(10**70 + number), title, f"# {title}\n\nWhat it does.", "0x" + "ab" * 20, state,
                            window, calls or [], [], created or opens - timedelta(minutes=1), eta=eta,
                            next_call=next_call, number=number)


@dataclass
class FakeGovernors:
    infos: dict[int, GovernorInfo] = field(default_factory=dict)
    by_community: dict[int, list[GovernorProposal]] = field(default_factory=dict)  # oldest first
    tallies: dict[str, TokenTally] = field(default_factory=dict)
    events: dict[str, list[GovernorChange]] = field(default_factory=dict)
    announced: dict[tuple[int, str], GovernorAnnouncement] = field(default_factory=dict)
    down: set[int] = field(default_factory=set)  # communities whose Governor's node does not answer
    powers: dict[tuple[str, str], PowerReading] = field(default_factory=dict)  # (wallet, proposal id) → reading
    power_reads: list[tuple[int, str, str | None]] = field(default_factory=list)
    synced: list[int] = field(default_factory=list)

    # set-up
    def follow(self, community_id: int, attached_at: datetime = datetime(2026, 1, 1, tzinfo=UTC),
               channel_id: int | None = None) -> None:
        self.infos[community_id] = governor_info(community_id, attached_at, channel_id)
        self.by_community.setdefault(community_id, [])

    def add(self, community_id: int, found: GovernorProposal, for_votes: int = 0, against: int = 0,
            abstain: int = 0, quorum: int | None = 40_000 * UNIT) -> GovernorProposal:
        self.by_community[community_id] = [p for p in self.by_community[community_id]
                                           if p.proposal_id != found.proposal_id] + [found]
        self.tallies[found.proposal_id] = TokenTally(FOLK, for_votes, against, abstain, quorum, 1_000_000 * UNIT,
                                                     int(bool(for_votes)) + int(bool(against)) + int(bool(abstain)))
        return found

    def move(self, community_id: int, number: int, **changes) -> None:
        self.by_community[community_id] = [replace(p, **changes) if p.number == number else p
                                           for p in self.by_community[community_id]]

    # the port
    def attach(self, community_id, address, from_block=None, expect_chain_id=None) -> GovernorInfo:
        self.follow(community_id)
        return self.infos[community_id]

    def sync(self, community_id=None, max_ranges=None, range_size=None) -> dict[int, SyncResult]:
        wanted = [community_id] if community_id is not None else self.following()
        for c in wanted:
            self._reach(c)
            self.synced.append(c)
        return {c: SyncResult() for c in wanted}

    def following(self) -> list[int]:
        return list(self.infos)

    def follows(self, community_id: int) -> bool:
        return community_id in self.infos

    def info(self, community_id: int) -> GovernorInfo:
        return self._info(community_id)

    def proposals(self, community_id: int, limit: int = 25, open_only: bool = False) -> list[GovernorProposal]:
        self._reach(community_id)
        found = list(reversed(self.by_community[community_id]))[:limit]
        return [p for p in found if p.state in ("pending", "active")] if open_only else found

    def proposal(self, community_id: int, reference) -> GovernorProposal:
        self._info(community_id)
        wanted = str(reference).lstrip("#")
        for p in self.by_community[community_id]:
            if wanted in (str(p.number), p.proposal_id):
                return p
        raise NotFound(f"This community's Governor has no proposal #{wanted} (yet).")

    def headings(self, community_id: int, limit: int = 200, open_only: bool = False) -> list[ProposalHeading]:
        return [ProposalHeading(p.number, p.title, "open" if p.state in ("pending", "active") else p.state)
                for p in self.proposals(community_id, limit, open_only)]

    def tally(self, community_id: int, reference: str) -> TokenTally:
        self._reach(community_id)
        return self.tallies[self.proposal(community_id, reference).proposal_id]

    def verify(self, community_id: int, proposal_id: str) -> list[IndexCheck]:
        return [IndexCheck("Proposal id", True, "hashProposal matches"), IndexCheck("Votes", True, "equal"),
                IndexCheck("Index", False, "2 confirmed blocks not read yet", pending=True)]

    def changes_since(self, community_id, since, big_vote_share=0.1) -> list[GovernorChange]:
        return [c for changes in self.events.values() for c in changes if c.at > since]

    def lifecycle(self, community_id: int, proposal_id: str) -> list[GovernorChange]:
        return list(self.events.get(proposal_id, []))

    def set_channel(self, community_id: int, channel_id: int | None) -> GovernorInfo:
        self.infos[community_id] = replace(self._info(community_id), channel_id=channel_id)
        return self.infos[community_id]

    def record_announcement(self, community_id: int, announcement: GovernorAnnouncement) -> None:
        self.announced[(community_id, announcement.proposal_id)] = announcement

    def announcement(self, community_id: int, proposal_id: str) -> GovernorAnnouncement | None:
        return self.announced.get((community_id, proposal_id))

    def voting_power(self, community_id: int, wallet: str, reference=None) -> PowerReading:
        self._reach(community_id)
        found = self.proposal(community_id, reference) if reference is not None else None
        self.power_reads.append((community_id, wallet, found.proposal_id if found else None))
        return self.powers.get((wallet.lower(), found.proposal_id if found else ""),
                               PowerReading(wallet.lower(), FOLK, "timestamp", 0, None, 0))

    def _info(self, community_id: int) -> GovernorInfo:
        if community_id not in self.infos:
            raise NotFound(f"Community {community_id} follows no Governor.")
        return self.infos[community_id]

    def _reach(self, community_id: int) -> None:
        self._info(community_id)
        if community_id in self.down:
            raise Unavailable("The chain cannot be reached (fake node): connection refused")
