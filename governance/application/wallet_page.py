"""The wallet page's use cases: one-time links, Sign-In with Ethereum to link a wallet, a ballot signed in
the member's own wallet checked against the chain and queued for the recorder to relay gas-free.

Every check that matters is here, server-side; the page (bot/web) only renders and forwards."""

from __future__ import annotations

import asyncio
import dataclasses
import hashlib
import hmac
import re
from dataclasses import dataclass
from datetime import timedelta
from urllib.parse import urlsplit

from governance.application.base import ApplicationBase
from governance.domain import Actor, Proposal, ProposalState
from governance.domain.outbox import RecordStatus
from governance.domain.wallet_page import BallotDomain, LinkGrant, LinkPurpose, PageBallot, QueuedBallot
from governance.errors import (
    GovernanceError,
    InvalidInput,
    NotAllowed,
    NotEligible,
    Unavailable,
    VotingClosed,
)
from governance.services import chain_votes, lookup, one_time_links, queries, wallet_ballots
from governance.services.queries import TallyView

NOT_CONFIGURED = ("The wallet page is not set up on this bot (FOLKMOOT_WEB_URL and FOLKMOOT_WEB_SECRET); "
                  "vote with the buttons instead.")
SIGN_IN_LIFETIME = timedelta(minutes=10)
SUMMARY_SECONDS = 20.0


@dataclass(frozen=True)
class VotePage:
    """What the vote page shows."""

    proposal: Proposal
    tally: TallyView
    is_open: bool
    eligible: bool
    summary: tuple[tuple[str, str], ...] | None  # the AI summary's sections (heading, text), or None
    provenance: str | None  # how it was made: backend, model, template, record id
    domain: BallotDomain | None


@dataclass(frozen=True)
class BallotReceipt:
    key: str
    proposal_id: int
    support: int
    status: str  # "queued", "on-chain", "refused"
    tx_hash: str | None
    error: str | None


class WalletPage(ApplicationBase):
    # ------------------------------------------------------------------ links and sessions
    def _key(self) -> bytes:
        if not self.page.url or not self.page.key:
            raise Unavailable(NOT_CONFIGURED)
        return self.page.key

    @property
    def wallet_page_ready(self) -> bool:
        """True when members can vote on the wallet page: it is configured and a chain is."""
        return bool(self.page.url and self.page.key and self.chain is not None)

    def wallet_link_url(self, community_id: int, actor: Actor, proposal_id: int | None = None) -> str:
        """A private one-time link to the wallet page (15 minutes, single use): to link a wallet, or, given
        a proposal, to vote on it with the wallet."""
        key = self._key()
        with self.read_uow() as uow:
            lookup.community(uow, community_id)
        follows_governor = self.governors is not None and self.governors.follows(community_id)
        if follows_governor:
            if proposal_id is None:
                raise InvalidInput("This server follows a Governor: link a wallet with /wallet address signature, "
                                   "then vote with a proposal's Vote with wallet button.")
            if not self.find_proposal(community_id, str(proposal_id)).is_open:  # Engines, in Governance
                raise VotingClosed(f"Voting on #{proposal_id} is not open on the Governor.")
        with self.read_uow() as uow:
            if proposal_id is not None and not follows_governor:
                proposal = lookup.proposal(uow, proposal_id, with_revisions=False)
                if proposal.community_id != community_id:
                    raise InvalidInput("That proposal belongs to another community.")
                wallet_ballots.check_open(uow, proposal_id, self.clock.now())
        purpose = LinkPurpose.LINK if proposal_id is None else LinkPurpose.VOTE
        token = one_time_links.issue(key, community_id=community_id, member=actor.id, role_ids=actor.role_ids,
                                     is_admin=actor.is_admin, purpose=purpose, proposal_id=proposal_id,
                                     now=self.clock.now())
        return f"{self.page.url}/w/{token}"

    def open_wallet_link(self, token: str) -> tuple[LinkGrant, str]:
        """Uses a one-time link (LinkExpired, LinkUsed, InvalidInput otherwise); returns its grant and a
        session token for the rest of the visit (valid until the link would have expired)."""
        key = self._key()
        grant = one_time_links.read(key, token, self.clock.now())
        one_time_links.redeem(self.uow(), grant, self.clock.now())
        return grant, one_time_links.session_token(key, token)

    def page_session(self, session: str) -> LinkGrant:
        """The grant of a visit's session token (made by open_wallet_link); InvalidInput or LinkExpired."""
        return one_time_links.read_session(self._key(), session, self.clock.now())

    def page_csrf(self, grant: LinkGrant) -> str:
        return hmac.new(self._key(), b"folkmoot-csrf:" + grant.token_id.encode(), hashlib.sha256).hexdigest()

    # ------------------------------------------------------------------ what the pages show
    def vote_page(self, grant: LinkGrant, proposal_id: int) -> VotePage:
        """The proposal, its tally and the member's standing (the summary comes from `page_summary`)."""
        _require_vote_grant(grant, proposal_id)
        view = queries.tally(self.read_uow(), proposal_id)
        proposal = view.proposal
        now = self.clock.now()
        is_open = (proposal.state is ProposalState.ACTIVE and proposal.deadline is not None
                   and now < proposal.deadline)
        with self.read_uow() as uow:
            eligible = _actor(grant).may_vote(lookup.community(uow, grant.community_id))
        return VotePage(proposal, view, is_open, eligible, None, None,
                        self.chain.ballot_domain(grant.community_id) if self.chain else None)

    async def page_summary(self, page: VotePage, timeout: float = SUMMARY_SECONDS) -> VotePage:
        """The page with the proposal's AI summary and its provenance, made on the inference worker (cached
        by content, so usually at once); without a model, or if it takes too long, the page as it was."""
        if self._ai is None:
            return page
        try:
            result = await asyncio.wait_for(self.infer(self.summarize, page.proposal), timeout)
        except (GovernanceError, TimeoutError):
            return page
        p = result.provenance
        how = "without a language model (extractive)" if result.without_language_model else f"by {p.model_id}"
        record = (f"; provenance record #{result.provenance_id} (folkmoot verify-ai {result.provenance_id} checks "
                  "it against the chain)") if result.provenance_id else ""
        provenance = f"Summarized {how}, template {p.template_name} v{p.template_version} ({p.template_hash[:12]}…){record}."
        return dataclasses.replace(page, summary=result.sections, provenance=provenance)

    def ballot_domain(self, community_id: int) -> BallotDomain:
        """Where the community's ballots are signed for; deploys its ledger if that was not done yet."""
        chain = self._require_chain()
        domain = chain.ballot_domain(community_id)
        if domain is None:
            chain.deploy(community_id)
            domain = chain.ballot_domain(community_id)
        if domain is None:
            raise Unavailable("This community's ledger is not on-chain yet; try again in a minute.")
        return domain

    # ------------------------------------------------------------------ linking (Sign-In with Ethereum)
    def _sign_in_fields(self, grant: LinkGrant) -> dict:
        url = self.page.url or ""
        nonce = hmac.new(self._key(), b"folkmoot-siwe:" + grant.token_id.encode(), hashlib.sha256).hexdigest()[:24]
        return {"domain": urlsplit(url).netloc, "uri": f"{url}/link", "nonce": nonce}

    def sign_in_message(self, grant: LinkGrant, address: str, chain_id: int) -> str:
        _require_address(address)
        domain = self.ballot_domain(grant.community_id)
        _require_chain_id(chain_id, domain)
        now = self.clock.now()
        return self._require_chain().sign_in_message(
            address=address, chain_id=chain_id, issued_at=now, expires_at=now + SIGN_IN_LIFETIME,
            **self._sign_in_fields(grant))

    def link_signed_in_wallet(self, grant: LinkGrant, message: str, signature: str) -> str:
        """Checks the EIP-4361 sign-in and links its wallet to the member's vote; returns the wallet."""
        domain = self.ballot_domain(grant.community_id)
        wallet = self._require_chain().sign_in_wallet(
            message, signature, chain_id=domain.chain_id, now=self.clock.now(),
            max_age_seconds=int(SIGN_IN_LIFETIME.total_seconds()), **self._sign_in_fields(grant))
        with self.read_uow() as uow:
            linked_to = wallet_ballots.linked_member(uow, grant.community_id, wallet)
        if linked_to == grant.member:
            return wallet  # linked already: signing in again is fine
        if linked_to is not None:
            raise NotAllowed("That wallet is linked to another member's vote here.")
        chain_votes.link_wallet_record(self.uow(), self.clock, community_id=grant.community_id,
                                       actor=_actor(grant), wallet=wallet)
        return wallet

    def may_vote_here(self, grant: LinkGrant) -> bool:
        """Whether the link's member holds the voter role (as Discord said when the link was made)."""
        with self.read_uow() as uow:
            return _actor(grant).may_vote(lookup.community(uow, grant.community_id))

    def wallet_linked(self, grant: LinkGrant, wallet: str) -> bool:
        _require_address(wallet)
        with self.read_uow() as uow:
            return wallet_ballots.linked_member(uow, grant.community_id, wallet) == grant.member

    # ------------------------------------------------------------------ ballots
    def ballot_to_sign(self, grant: LinkGrant, proposal_id: int, wallet: str, support: int) -> dict:
        """The EIP-712 ballot for the wallet to sign, with the nonce and deadline the ledger will check."""
        _require_vote_grant(grant, proposal_id)
        _require_support(support)
        _require_address(wallet)
        domain = self.ballot_domain(grant.community_id)
        now = self.clock.now()
        with self.read_uow() as uow:
            wallet_ballots.check_open(uow, proposal_id, now)
            community = lookup.community(uow, grant.community_id)
            if not _actor(grant).may_vote(community):
                raise NotEligible("You do not have the role that may vote in this community.")
            if wallet_ballots.linked_member(uow, grant.community_id, wallet) != grant.member:
                raise NotEligible("That wallet is not linked to your vote here; sign in with it first.")
            queued = wallet_ballots.queued_nonces(uow, grant.community_id, wallet, now - timedelta(days=1))
            deadline = int(lookup.proposal(uow, proposal_id, with_revisions=False).deadline.timestamp()) - 1
        nonce = self._require_chain().wallet_nonce(grant.community_id, wallet) + queued
        ballot = PageBallot(proposal_id, wallet, support, nonce, deadline, "0x", domain.chain_id)
        return self._require_chain().ballot_typed_data(grant.community_id, ballot)

    def queue_wallet_ballot(self, grant: LinkGrant, ballot: PageBallot) -> QueuedBallot:
        """Checks a page-signed ballot against the chain (chain, ledger, signature, nonce) and queues it."""
        _require_vote_grant(grant, ballot.proposal_id)
        _require_support(ballot.support)
        _require_address(ballot.wallet)
        chain = self._require_chain()
        domain = self.ballot_domain(grant.community_id)
        _require_chain_id(ballot.chain_id, domain)
        now = self.clock.now()
        with self.read_uow() as uow:
            wallet_ballots.check_open(uow, ballot.proposal_id, now)
            queued = wallet_ballots.queued_nonces(uow, grant.community_id, ballot.wallet, now - timedelta(days=1))
        if not chain.ballot_signed(grant.community_id, ballot):
            raise InvalidInput("The signature is not this wallet's for this ballot; sign it again on this page.")
        expected = chain.wallet_nonce(grant.community_id, ballot.wallet) + queued
        if ballot.nonce != expected:
            raise InvalidInput(f"The ballot's nonce is {ballot.nonce}, the ledger expects {expected}; "
                               "reload the page and sign again.")
        return wallet_ballots.queue(self.uow(), now, self.page.limits, grant.community_id, _actor(grant), ballot)

    def ballot_receipt(self, grant: LinkGrant, key: str) -> BallotReceipt:
        with self.read_uow() as uow:
            record = uow.outbox.get(key)
        if record is None or not key.startswith("ballot:") or record.payload.get("member") != grant.member:
            raise InvalidInput("There is no such ballot of yours.")
        status = {RecordStatus.CONFIRMED: "on-chain", RecordStatus.FAILED: "refused"}.get(record.status, "queued")
        return BallotReceipt(key, record.payload["proposal"], record.payload["support"], status,
                             record.tx_hash if status == "on-chain" else None,
                             record.last_error if status == "refused" else None)


def _actor(grant: LinkGrant) -> Actor:
    return Actor(id=grant.member, role_ids=grant.role_ids, is_admin=grant.is_admin)


def _require_vote_grant(grant: LinkGrant, proposal_id: int) -> None:
    if grant.purpose is not LinkPurpose.VOTE or grant.proposal_id != proposal_id:
        raise NotAllowed("This link is for another page; ask for a new one from the proposal's Vote with wallet button.")


def _require_address(wallet: str) -> str:
    if not isinstance(wallet, str) or not re.fullmatch(r"0x[0-9a-fA-F]{40}", wallet):
        raise InvalidInput("That is not a wallet address (0x and 40 hex digits).")
    return wallet


def _require_support(support: int) -> None:
    if support not in (0, 1, 2):
        raise InvalidInput("Choose For, Against or Abstain.")


def _require_chain_id(chain_id: int, domain: BallotDomain) -> None:
    if chain_id != domain.chain_id:
        raise InvalidInput(f"Your wallet is on chain {chain_id}; this community votes on chain {domain.chain_id}. "
                           "Switch your wallet's network and try again.")
