"""Runs one relayer pass in its own process, so a test can SIGKILL it mid-send.

Usage: python -m tests.integration.ledger.relay_process DATABASE_URL RPC_URL PRIVATE_KEY
(the crash point comes from FOLKMOOT_FAILPOINT, see tests/fakes/failpoints.py; the relayer
takes it as its hook).
"""

from __future__ import annotations

import sys

from governance.adapters.chain.connection import rpc_chain
from governance.adapters.chain.relayer import Relayer
from governance.adapters.sql.engine import make_engine
from tests.fakes.failpoints import failpoint_from_environment


def main(database_url: str, rpc_url: str, key: str) -> None:
    relayer = Relayer(make_engine(database_url), rpc_chain(rpc_url, key), hook=failpoint_from_environment())
    stats = relayer.relay()
    print(f"sent={stats.sent} confirmed={stats.confirmed} reconciled={stats.reconciled} failed={stats.failed}")


if __name__ == "__main__":
    main(*sys.argv[1:4])
