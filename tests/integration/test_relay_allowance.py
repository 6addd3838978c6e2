"""Wallet links kept off-chain (a community that follows a Governor) and the relay allowances, on
SQLite and PostgreSQL: members asking at once never get more relays than their daily allowance or
the server's budget, and every attempt is recorded with its outcome."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest

from governance.domain.outbox import RecordStatus
from governance.errors import InvalidInput, InvalidState, Unavailable
from governance.services import chain_votes, voting_power
from governance.services.voting_power import BALLOT_RELAY
from tests.conftest import GUILD, member


def test_links_kept_off_chain_are_found_and_never_relayed(gov, community, clock):
    for n, wallet in ((1, "0x" + "Ab" * 20), (2, "0x" + "cd" * 20), (1, "0x" + "ef" * 20)):
        chain_votes.link_wallet_record(gov.uow(), clock, community_id=GUILD, actor=member(n),
                                       wallet=wallet, on_chain=False)
    assert gov.linked_wallets(GUILD) == {"discord:1001": "0x" + "ef" * 20, "discord:1002": "0x" + "cd" * 20}
    with gov.read_uow() as uow:
        links = uow.outbox.links(GUILD)
    assert [r.status for r in links] == [RecordStatus.CONFIRMED] * 3 and all(r.payload["off_chain"] for r in links)
    with pytest.raises(InvalidState, match="already linked"):
        chain_votes.link_wallet_record(gov.uow(), clock, community_id=GUILD, actor=member(3),
                                       wallet="0x" + "cd" * 20, on_chain=False)


def test_members_asking_at_once_stay_within_their_allowance_and_the_budget(gov, community, clock):
    ran = []

    def ask(who: int):
        def relay():
            ran.append(who)
            if len(ran) == 2:
                raise Unavailable("the node is down")  # a failed attempt still counts
            return f"0x{len(ran):064x}"
        try:
            return voting_power.within_allowance(gov.uow, clock, community_id=GUILD, member=f"discord:{who}",
                                                 kind=BALLOT_RELAY, per_day=3, daily_budget=5, relay=relay,
                                                 tx_of=str)
        except (InvalidInput, Unavailable) as refused:
            return refused

    with ThreadPoolExecutor(4) as pool:
        answers = list(pool.map(ask, [1] * 8))
    assert ran.count(1) == 3  # one member, three a day, however many ask at once
    assert sum("today's limit of 3 relayed ballots" in str(a) for a in answers) == 5
    with ThreadPoolExecutor(4) as pool:
        later = list(pool.map(ask, [2, 3, 4, 5]))
    assert len(ran) == 5 and sum("relays for today (5) are spent" in str(a) for a in later) == 2
