"""Following an existing Governor for a community: attach, index, and what the bot shows.

This is the Governor engine's side of the common voting-engine port: list and show proposals,
tally in the engine's units (token voting power), state and deadline, read back what the chain
holds and verify it against the index. Governor kinds, ballot type hashes and token clocks stay here.
"""

from __future__ import annotations

from datetime import UTC, datetime

from web3 import Web3

from governance.adapters.chain.connection import ChainConnection
from governance.adapters.chain.errors import ChainUnavailable, reaching_the_chain
from governance.adapters.governor.detect import KIND_LABELS, inspect_governor
from governance.adapters.governor.indexer import RANGE, GovernorIndexer, SyncResult
from governance.adapters.governor.live import LiveGovernor
from governance.adapters.governor.store import GovernorStore
from governance.adapters.sql.governor_tables import FollowedGovernorRow, GovernorProposalRow
from governance.domain.governor import Finding, Severity, TokenInfo
from governance.domain.governor.views import GovernorChange, GovernorInfo, GovernorProposal, TokenTally
from governance.errors import InvalidInput, NotFound, Unavailable


class GovernorFollower:
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

    def sync(self, community_id: int | None = None, max_ranges: int | None = None) -> dict[int, SyncResult]:
        """Index every followed Governor (or one community's); what the bot's chain loop calls."""
        rows = [self._row(community_id)] if community_id is not None else self.store.all()
        indexer = GovernorIndexer(self.store, self.w3, self.confirmations, self.range_size)
        results = {}
        with self._reaching():
            for row in rows:
                results[row.community_id] = indexer.sync(row, max_ranges)
        return results

    def info(self, community_id: int) -> GovernorInfo:
        return self._info(self._row(community_id))

    # proposals
    def proposals(self, community_id: int, limit: int = 25) -> list[GovernorProposal]:
        row = self._row(community_id)
        with self._reaching():
            live = LiveGovernor(self.w3, row)
            return [self._proposal(live, p) for p in self.store.proposals(row.id, limit)]

    def proposal(self, community_id: int, proposal_id: str) -> GovernorProposal:
        row = self._row(community_id)
        stored = self._stored(row, proposal_id)
        with self._reaching():
            return self._proposal(LiveGovernor(self.w3, row), stored)

    def tally(self, community_id: int, proposal_id: str) -> TokenTally:
        row = self._row(community_id)
        stored = self._stored(row, proposal_id)
        with self._reaching():
            live = LiveGovernor(self.w3, row)
            against, for_, abstain = live.votes(proposal_id) or (0, 0, 0)
            quorum = live.quorum_at(stored.vote_start)
            supply = live.supply_at(stored.vote_start)
        voters = len({v.voter for v in self.store.votes(row.id, proposal_id)})
        return TokenTally(_token(row), for_, against, abstain, quorum, supply, voters, _quorum_counts(row))

    def verify(self, community_id: int, proposal_id: str) -> tuple[bool, str]:
        """The indexed votes against the Governor's own count at the indexed block: they must agree."""
        row = self._row(community_id)
        self._stored(row, proposal_id)
        indexed = [0, 0, 0]
        for vote in self.store.votes(row.id, proposal_id):
            indexed[vote.support] += int(vote.weight)
        with self._reaching():
            onchain = LiveGovernor(self.w3, row).votes(proposal_id, block=row.cursor_block)
        if onchain is None:
            return False, "the Governor does not answer proposalVotes for this proposal"
        agree = tuple(indexed) == tuple(onchain)
        detail = f"indexed against/for/abstain {indexed} vs proposalVotes at block {row.cursor_block} {list(onchain)}"
        return agree, detail

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

        changes = []
        for event in self.store.events(row.id, since=since):
            kind = "proposal_created" if event.kind == "created" else event.kind
            changes.append(GovernorChange(event.at, kind, event.proposal_id, title(event.proposal_id),
                                          _event_detail(event.kind, event.eta)))
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
                                                  f"with {token.describe(weight)}", vote.voter, weight))
                if quorum and before < quorum <= counted.get(pid, 0):
                    changes.append(GovernorChange(vote.cast_at, "quorum_reached", pid, title(pid),
                                                  f"quorum of {token.describe(quorum)} reached"))
        return sorted(changes, key=lambda c: c.at)

    # helpers
    def _row(self, community_id: int) -> FollowedGovernorRow:
        row = self.store.of_community(community_id)
        if row is None:
            raise NotFound(f"Community {community_id} follows no Governor; attach one with "
                           "`folkmoot governor attach`.")
        return row

    def _stored(self, row: FollowedGovernorRow, proposal_id: str) -> GovernorProposalRow:
        proposal_id = proposal_id.strip()
        if not (proposal_id.isascii() and proposal_id.isdigit() and len(proposal_id) <= 78):
            raise InvalidInput("A Governor proposal id is a whole number (up to 78 digits).")
        stored = self.store.proposal(row.id, str(int(proposal_id)))
        if stored is None:
            raise NotFound(f"The Governor {row.address} has no indexed proposal {proposal_id} (run "
                           "`folkmoot governor sync`).")
        return stored

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
            next_call=live.next_call(stored, state), id_matches=stored.id_matches)

    def _info(self, row: FollowedGovernorRow) -> GovernorInfo:
        return GovernorInfo(row.community_id, row.address, row.chain_id, KIND_LABELS[row.kind], row.name, _token(row),
                            row.clock_mode, row.timelock_address, row.timelock_delay, row.voting_delay,
                            row.voting_period, int(row.proposal_threshold), row.counting_mode, row.start_block,
                            row.cursor_block)

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
