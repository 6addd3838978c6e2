"""Following an existing Governor for a community: attach, index, and what the bot shows.

The `FollowedGovernors` port (governance.ports), behind the Governor side of the voting-engine
port (governance.services.engines): list and show proposals, tally in the engine's units (token
voting power), state and deadline, read back what the chain holds and verify it against the index.
Governor kinds, ballot type hashes and token clocks stay here.
"""

from __future__ import annotations

from datetime import UTC, datetime

from web3 import Web3

from governance.adapters.chain.connection import ChainConnection
from governance.adapters.chain.errors import ChainUnavailable, reaching_the_chain
from governance.adapters.governor.detect import KIND_LABELS, inspect_governor
from governance.adapters.governor.indexer import RANGE, GovernorIndexer
from governance.adapters.governor.live import LiveGovernor
from governance.adapters.governor.members import MembersOnGovernor
from governance.adapters.governor.store import GovernorStore
from governance.adapters.sql.governor_tables import (
    FollowedGovernorRow,
    GovernorAnnouncementRow,
    GovernorProposalRow,
)
from governance.domain.engines import ProposalHeading
from governance.domain.governor import Finding, Severity, TokenInfo
from governance.domain.governor.references import parse_reference
from governance.domain.governor.views import (
    GovernorAnnouncement,
    GovernorChange,
    GovernorInfo,
    GovernorProposal,
    IndexCheck,
    SyncResult,
    TokenTally,
)
from governance.domain.wording import plural
from governance.errors import InvalidInput, NotFound, Unavailable


class GovernorFollower(MembersOnGovernor):
    def __init__(self, engine, connection: ChainConnection, confirmations: int = 1, range_size: int = RANGE):
        self.store = GovernorStore(engine)
        self.connection = connection
        self.w3: Web3 = connection.w3
        self.confirmations = confirmations
        self.range_size = range_size

    # attaching and indexing
    def attach(self, community_id: int, address: str, from_block: int | None = None,
               expect_chain_id: int | None = None) -> GovernorInfo:
        with self._reaching():
            chain_id = self.w3.eth.chain_id
            if expect_chain_id is not None and expect_chain_id != chain_id:
                raise InvalidInput(f"The configured node ({self.connection.description}) is on chain {chain_id}, "
                                   f"not chain {expect_chain_id}.")
            profile = inspect_governor(self.w3, address, chain_id, self.connection.description)
            head = self.w3.eth.block_number
            genesis = self.w3.eth.get_block(0)["hash"].to_0x_hex()
        if from_block is not None and not 0 <= from_block <= head:
            raise InvalidInput(f"--from-block must be between 0 and the chain's head ({head}).")
        existing = self.store.of_community(community_id)
        values = dict(
            chain_id=chain_id, genesis_hash=genesis, address=profile.address, kind=profile.kind, name=profile.name,
            version=profile.version, token_address=profile.token_address, token_name=profile.token_name,
            token_symbol=profile.token_symbol, token_decimals=profile.token_decimals, clock_mode=profile.clock_mode,
            timelock_address=profile.timelock_address, timelock_delay=profile.timelock_delay,
            voting_delay=profile.voting_delay, voting_period=profile.voting_period,
            proposal_threshold=str(profile.proposal_threshold), counting_mode=profile.counting_mode,
            ballot_typehash=profile.ballot_typehash, eip712_domain=profile.eip712_domain)
        if existing is not None:
            if (existing.address, existing.chain_id) != (profile.address, chain_id):
                raise InvalidInput(f"Community {community_id} already follows {existing.address} on chain "
                                   f"{existing.chain_id}; one Governor per community.")
            return self._info(self.store.replace_profile(existing.id, **values))  # refreshed, index kept
        start = head if from_block is None else from_block
        row = FollowedGovernorRow(community_id=community_id, start_block=start, cursor_block=start - 1,
                                  attached_at=datetime.now(UTC), **values)
        return self._info(self.store.attach(row))

    def sync(self, community_id: int | None = None, max_ranges: int | None = None,
             range_size: int | None = None) -> dict[int, SyncResult]:
        """Index every followed Governor (or one community's); what the bot's chain loop calls."""
        rows = [self._row(community_id)] if community_id is not None else self.store.all()
        indexer = GovernorIndexer(self.store, self.w3, self.confirmations, range_size or self.range_size)
        results = {}
        with self._reaching():
            for row in rows:
                results[row.community_id] = indexer.sync(row, max_ranges)
        return results

    def following(self) -> list[int]:
        return [row.community_id for row in self.store.all()]

    def follows(self, community_id: int) -> bool:
        return self.store.of_community(community_id) is not None

    def info(self, community_id: int) -> GovernorInfo:
        return self._info(self._row(community_id))

    # proposals
    def proposals(self, community_id: int, limit: int = 25, open_only: bool = False) -> list[GovernorProposal]:
        """Newest first. open_only: those whose voting has not ended (pending or active), read
        live; the rest are not even asked about."""
        row = self._row(community_id)
        with self._reaching():
            live = LiveGovernor(self.w3, row)
            stored = self.store.proposals(row.id, limit)
            if open_only:
                now = live.now_timepoint()
                stored = [p for p in stored if p.vote_end >= now]
            found = [self._proposal(live, p) for p in stored]
        return [p for p in found if p.state in ("pending", "active")] if open_only else found

    def headings(self, community_id: int, limit: int = 200, open_only: bool = False) -> list[ProposalHeading]:
        """From the index: the latest lifecycle event says canceled, queued or executed; otherwise a
        proposal whose voting ends at or after the chain's head is "open" (pending or active)."""
        row = self._row(community_id)
        with self._reaching():
            now = LiveGovernor(self.w3, row).now_timepoint()
        latest = self.store.latest_events(row.id)
        found = []
        for stored in self.store.proposals(row.id, limit):
            state = latest.get(stored.proposal_id) or ("open" if stored.vote_end >= now else "ended")
            if not open_only or state == "open":
                found.append(ProposalHeading(stored.number, _title(bytes(stored.description)), state))
        return found

    def proposal(self, community_id: int, reference: str | int) -> GovernorProposal:
        """By its number in the community ("3", "#3") or the Governor's id."""
        row = self._row(community_id)
        stored = self._stored(row, reference)
        with self._reaching():
            return self._proposal(LiveGovernor(self.w3, row), stored)

    def tally(self, community_id: int, reference: str) -> TokenTally:
        row = self._row(community_id)
        stored = self._stored(row, reference)
        with self._reaching():
            live = LiveGovernor(self.w3, row)
            against, for_, abstain = live.votes(stored.proposal_id) or (0, 0, 0)
            quorum = live.quorum_at(stored.vote_start)
            supply = live.supply_at(stored.vote_start)
        voters = len({v.voter for v in self.store.votes(row.id, stored.proposal_id)})
        return TokenTally(_token(row), for_, against, abstain, quorum, supply, voters, _quorum_counts(row))

    def verify(self, community_id: int, proposal_id: str) -> list[IndexCheck]:
        """The proposal's id recomputed from its calls and exact description, the Governor knowing
        it, the indexed votes against the Governor's own count at the indexed block, and how far
        the index has read."""
        row = self._row(community_id)
        stored = self._stored(row, proposal_id)
        token = _token(row)
        indexed = [0, 0, 0]
        for vote in self.store.votes(row.id, stored.proposal_id):
            indexed[vote.support] += int(vote.weight)
        with self._reaching():
            live = LiveGovernor(self.w3, row)
            state = live.state(stored.proposal_id)
            onchain = live.votes(stored.proposal_id, block=row.cursor_block)
            head = self.w3.eth.block_number
        checks = [IndexCheck("Proposal id", stored.id_matches,
                             "hashProposal(targets, values, calldatas, keccak256(description)) equals the "
                             "Governor's id" if stored.id_matches else "the Governor's id is not hashProposal of "
                             "the indexed calls and description: what was indexed is not what would execute"),
                  IndexCheck("On the Governor", state != "unknown",
                             f"{row.address} reports it {state}" if state != "unknown"
                             else f"{row.address} does not know this proposal")]
        if onchain is None:
            checks.append(IndexCheck("Votes", False, "the Governor does not answer proposalVotes for it"))
        else:
            shown = " · ".join(f"{name} {token.describe(amount)}"
                               for name, amount in zip(("Against", "For", "Abstain"), indexed))
            checks.append(IndexCheck(
                "Votes", tuple(indexed) == tuple(onchain),
                f"{shown}, indexed, equal proposalVotes at block {row.cursor_block}" if tuple(indexed) == tuple(onchain)
                else f"indexed {shown}; proposalVotes at block {row.cursor_block}: " + " · ".join(
                    f"{name} {token.describe(amount)}" for name, amount in zip(("Against", "For", "Abstain"), onchain))))
        behind = max(head - self.confirmations - row.cursor_block, 0)
        checks.append(IndexCheck("Index", behind == 0,
                                 f"read to block {row.cursor_block} of {head}" + (
                                     f"; {plural(behind, 'confirmed block')} not read yet" if behind else ""),
                                 pending=behind > 0))
        return checks

    def changes_since(self, community_id: int, since: datetime, big_vote_share: float = 0.1) -> list[GovernorChange]:
        """New proposals, big votes (≥ `big_vote_share` of the quorum), quorum reached, queued,
        executed and canceled, from the index: what a digest reports."""
        row = self._row(community_id)
        token = _token(row)
        titles: dict[str, str] = {}
        quorums: dict[str, int | None] = {}

        def title(pid: str) -> str:
            if pid not in titles:
                stored = self.store.proposal(row.id, pid)
                titles[pid] = _title(bytes(stored.description)) if stored else pid
            return titles[pid]

        numbers: dict[str, int] = {}

        def number(pid: str) -> int:
            if pid not in numbers:
                stored = self.store.proposal(row.id, pid)
                numbers[pid] = stored.number if stored else 0
            return numbers[pid]

        changes = []
        for event in self.store.events(row.id, since=since):
            kind = "proposal_created" if event.kind == "created" else event.kind
            changes.append(GovernorChange(event.at, kind, event.proposal_id, title(event.proposal_id),
                                          _event_detail(event.kind, event.eta), number=number(event.proposal_id)))
        with self._reaching():
            live = LiveGovernor(self.w3, row)
            counted: dict[str, int] = {}  # running total toward quorum, to see the vote that reached it
            for vote in self.store.votes_since(row.id, datetime.min.replace(tzinfo=UTC)):
                pid = vote.proposal_id
                if pid not in quorums:
                    stored = self.store.proposal(row.id, pid)
                    quorums[pid] = live.quorum_at(stored.vote_start) if stored else None
                before = counted.get(pid, 0)
                if vote.support in _quorum_supports(row):
                    counted[pid] = before + int(vote.weight)
                if vote.cast_at <= since:
                    continue
                quorum, weight = quorums[pid], int(vote.weight)
                if quorum and weight >= quorum * big_vote_share:
                    changes.append(GovernorChange(vote.cast_at, "big_vote", pid, title(pid),
                                                  f"{vote.voter} voted {('against', 'for', 'abstain')[vote.support]} "
                                                  f"with {token.describe(weight)}", vote.voter, weight,
                                                  number=number(pid)))
                if quorum and before < quorum <= counted.get(pid, 0):
                    changes.append(GovernorChange(vote.cast_at, "quorum_reached", pid, title(pid),
                                                  f"quorum of {token.describe(quorum)} reached", number=number(pid)))
        return sorted(changes, key=lambda c: c.at)

    # where proposals are announced, and where each was
    def set_channel(self, community_id: int, channel_id: int | None) -> GovernorInfo:
        return self._info(self.store.replace_profile(self._row(community_id).id, channel_id=channel_id))

    def lifecycle(self, community_id: int, proposal_id: str) -> list[GovernorChange]:
        """The proposal's indexed events after its creation: queued (with the ETA), executed, canceled."""
        row = self._row(community_id)
        stored = self.store.proposal(row.id, proposal_id)
        title, number = (_title(bytes(stored.description)), stored.number) if stored else (proposal_id, 0)
        return [GovernorChange(e.at, e.kind, proposal_id, title, _event_detail(e.kind, e.eta), number=number,
                               extra={"eta": e.eta} if e.eta else {})
                for e in self.store.events(row.id, proposal_id) if e.kind != "created"]

    def record_announcement(self, community_id: int, announcement: GovernorAnnouncement) -> None:
        a = announcement
        self.store.put_announcement(GovernorAnnouncementRow(
            governor_id=self._row(community_id).id, proposal_id=a.proposal_id, channel_id=a.channel_id,
            message_id=a.message_id, state=a.state, quorum_reached=a.quorum_reached, posted_at=a.posted_at))

    def announcement(self, community_id: int, proposal_id: str) -> GovernorAnnouncement | None:
        found = self.store.announcement(self._row(community_id).id, proposal_id)
        if found is None:
            return None
        return GovernorAnnouncement(found.proposal_id, found.channel_id, found.message_id, found.state,
                                    found.quorum_reached, found.posted_at)

    # helpers
    def _row(self, community_id: int) -> FollowedGovernorRow:
        row = self.store.of_community(community_id)
        if row is None:
            raise NotFound(f"Community {community_id} follows no Governor; attach one with "
                           "`folkmoot governor attach`.")
        return row

    def _stored(self, row: FollowedGovernorRow, reference: str | int) -> GovernorProposalRow:
        wanted = parse_reference(reference)
        if wanted.number is not None:
            stored = self.store.by_number(row.id, wanted.number)
            if stored is None:
                raise NotFound(f"This community's Governor has no proposal #{wanted.number} (yet): "
                               f"{self._indexed_count(row)}.")
            return stored
        stored = self.store.proposal(row.id, wanted.proposal_id)
        if stored is None:
            raise NotFound(f"The Governor {row.address} has no indexed proposal {wanted.proposal_id} "
                           f"({self._indexed_count(row)}).")
        return stored

    def _indexed_count(self, row: FollowedGovernorRow) -> str:
        count = self.store.counts(row.id)["proposals"]
        return f"{count} indexed up to block {row.cursor_block}"

    def _proposal(self, live: LiveGovernor, stored: GovernorProposalRow) -> GovernorProposal:
        state = live.state(stored.proposal_id)
        eta = live.eta(stored.proposal_id) if state == "queued" else None
        grace = live.grace_period() if eta else None
        text = bytes(stored.description).decode("utf-8", "replace")
        return GovernorProposal(
            proposal_id=stored.proposal_id, title=_title(bytes(stored.description)), description=text,
            proposer=stored.proposer, state=state, window=live.window(stored), calls=stored.decoded_calls,
            findings=[_finding(f) for f in stored.findings], created_at=stored.created_at,
            eta=datetime.fromtimestamp(eta, UTC) if eta else None,
            expires_at=datetime.fromtimestamp(eta + grace, UTC) if eta and grace else None,
            next_call=live.next_call(stored, state), id_matches=stored.id_matches, number=stored.number)

    def _info(self, row: FollowedGovernorRow) -> GovernorInfo:
        return GovernorInfo(row.community_id, row.address, row.chain_id, KIND_LABELS[row.kind], row.name, _token(row),
                            row.clock_mode, row.timelock_address, row.timelock_delay, row.voting_delay,
                            row.voting_period, int(row.proposal_threshold), row.counting_mode, row.start_block,
                            row.cursor_block, row.channel_id, row.attached_at)

    def _reaching(self):
        return _Reaching(self.connection.description)


class _Reaching:
    """reaching_the_chain, then "the node is down" as the user-facing Unavailable."""

    def __init__(self, where: str):
        self.where = where
        self.inner = reaching_the_chain()

    def __enter__(self):
        self.inner.__enter__()

    def __exit__(self, kind, error, tb):
        try:
            return self.inner.__exit__(kind, error, tb)
        except ChainUnavailable as unavailable:
            raise Unavailable(f"The chain cannot be reached ({self.where}): {unavailable}") from None


def _token(row: FollowedGovernorRow) -> TokenInfo:
    return TokenInfo(row.token_address.lower(), row.token_symbol, row.token_decimals)


def _quorum_counts(row: FollowedGovernorRow) -> tuple[str, ...]:
    mode = dict(part.split("=", 1) for part in row.counting_mode.split("&") if "=" in part)
    return tuple(mode.get("quorum", "for,abstain").split(","))


def _quorum_supports(row: FollowedGovernorRow) -> set[int]:
    return {("against", "for", "abstain").index(k) for k in _quorum_counts(row) if k in ("against", "for", "abstain")}


def _title(description: bytes) -> str:
    for line in description.decode("utf-8", "replace").splitlines():
        line = line.strip().lstrip("#").strip()
        if line:
            return line if len(line) <= 200 else line[:199] + "…"
    return "(no description)"


def _finding(data: dict) -> Finding:
    return Finding(data["code"], Severity(data["severity"]), data["message"], data.get("call"))


def _event_detail(kind: str, eta: int | None) -> str:
    if kind == "queued" and eta:
        return f"queued; executable from {datetime.fromtimestamp(eta, UTC):%Y-%m-%d %H:%M UTC}"
    return {"created": "new proposal", "executed": "executed", "canceled": "canceled"}.get(kind, kind)
