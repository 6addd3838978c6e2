"""Gas the recorder pays per wallet-page ballot: members sign in (SIWE) and sign ballots through the wallet
page's use cases, the relayer sends the queue in one `castVotesBySig` transaction, and its gas is divided
by the ballots it carried; a ballot relayed alone is the baseline, measured in the same run (embedded
py-evm, Prague). Target: at most 20,000 gas per ballot in batches of 50.

    .venv/bin/python -m benchmarks.wallet_relay
"""

from __future__ import annotations

import sys
import tempfile
from datetime import timedelta

from eth_account import Account
from eth_account.messages import encode_defunct

from benchmarks.report import machine_load
from governance.adapters.chain.connection import embedded_chain
from governance.adapters.sql.engine import make_engine
from governance.adapters.sql.migrate import upgrade
from governance.bootstrap import bootstrap
from governance.clock import ManualClock
from governance.config import Settings
from governance.domain import Actor, Support
from governance.domain.wallet_page import PageBallot
from tests.integration.ledger.conftest import chain_now, travel

TARGET = 20_000
COMMUNITY = 7


def gas_per_ballot(members: int) -> float:
    engine = make_engine(f"sqlite:///{tempfile.mkdtemp()}/bench.db")
    upgrade(engine)
    connection = embedded_chain()
    clock = ManualClock(chain_now(connection))
    gov = bootstrap(Settings(web_url="https://vote.example.org", web_secret="b" * 40,
                             wallet_ballots_per_hour=1_000), engine=engine, clock=clock, chain=connection,
                    migrate=False)
    admin = Actor(id="discord:1", is_admin=True)
    gov.setup_community(COMMUNITY, "Bench", admin, quorum="1", voting_period=timedelta(days=2))
    proposal = gov.publish(gov.create_draft(COMMUNITY, admin, "Bench", "A bench.").id, admin)

    def relay() -> None:
        travel(connection, clock.now())
        gov.chain.relayer.relay()
        gov.chain.indexer.poll()

    relay()
    visits = []
    for n in range(members):
        wallet = Account.create()
        link = gov.wallet_link_url(COMMUNITY, Actor(id=f"discord:{1_000 + n}"), proposal.id)
        grant, _ = gov.open_wallet_link(link.rsplit("/", 1)[1])
        message = gov.sign_in_message(grant, wallet.address, connection.chain_id)
        signature = Account.sign_message(encode_defunct(text=message), wallet.key).signature.to_0x_hex()
        gov.link_signed_in_wallet(grant, message, signature)
        visits.append((grant, wallet))
    relay()  # the links go on-chain first
    for grant, wallet in visits:
        typed = gov.ballot_to_sign(grant, proposal.id, wallet.address, int(Support.FOR))
        signature = Account.sign_typed_data(wallet.key, full_message=typed).signature.to_0x_hex()
        m = typed["message"]
        queued = gov.queue_wallet_ballot(grant, PageBallot(proposal.id, m["voter"], m["support"], m["nonce"],
                                                           m["deadline"], signature, connection.chain_id))
    relay()
    assert gov.tally(proposal.id).tally.for_votes == members
    receipt = connection.w3.eth.get_transaction_receipt(gov.outbox_record(queued.key).tx_hash)
    return receipt["gasUsed"] / members


def main() -> int:
    print(machine_load())
    alone, ten, fifty = (gas_per_ballot(n) for n in (1, 10, 50))
    print(f"wallet-page ballots relayed by the recorder (castVotesBySig), gas per ballot: alone {alone:,.0f} · "
          f"batch of 10 {ten:,.0f} · batch of 50 {fifty:,.0f} ({fifty / alone:.1%} of alone)")
    met = fifty <= TARGET
    print(f"wallet-page ballots, batch of 50: {fifty:,.0f} gas each, {'within' if met else 'above'} the "
          f"{TARGET:,} target")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
