"""Ctrl-C in the middle of a relay pass (#12: it took about 170 s and printed four chained tracebacks).
The node stops answering right after a transaction is sent, so the pass hangs waiting for its
receipt; SIGINT then stops `folkmoot chain relay --watch` and `folkmoot run` cleanly, and the pass
it cut short is resumed by the next relay: every record lands exactly once. Real processes; the
stop's time bound is only a timeout."""

from __future__ import annotations

import asyncio
import signal

import pytest

from tests.e2e.fake_discord import FakeDiscord
from tests.e2e.processes import bot_process, folkmoot, start
from tests.integration.ledger.conftest import ANVIL_KEY
from tests.integration.ledger.rpc_proxy import RpcProxy
from tests.integration.ledger.test_relayer_faults import assert_exactly_once, make_round

pytestmark = [pytest.mark.integration, pytest.mark.anvil, pytest.mark.e2e]
STOP_TIMEOUT = 30.0  # a bound for a hung process, not a measure


@pytest.fixture
def connection(anvil_node):  # chain_gov on anvil only
    from governance.adapters.chain.connection import rpc_chain

    return rpc_chain(anvil_node.w3.provider.endpoint_uri, ANVIL_KEY)


@pytest.fixture
def stalling_node(anvil_node):
    proxy = RpcProxy(anvil_node.w3.provider.endpoint_uri)
    proxy.stall_after = "eth_sendRawTransaction"
    yield proxy
    proxy.close()


@pytest.mark.parametrize("how", ["chain relay --watch", "run"])
async def test_ctrl_c_mid_pass_stops_at_once_and_the_next_relay_resumes(chain_gov, sqlite_engine, stalling_node,
                                                                        tmp_path, how):
    proposal_id = make_round(chain_gov, voters=6)
    env = {"FOLKMOOT_DATABASE_URL": sqlite_engine.url.render_as_string(hide_password=False),
           "FOLKMOOT_CHAIN": "rpc", "FOLKMOOT_CHAIN_RPC_URL": stalling_node.url,
           "FOLKMOOT_CHAIN_PRIVATE_KEY": ANVIL_KEY, "FOLKMOOT_MODEL_BACKEND": "extractive"}
    server = None
    if how == "run":
        server = await FakeDiscord().start()
        env["FOLKMOOT_DISCORD_TOKEN"] = server.token
        process = await start(bot_process(server.api_url, server.gateway_url), env, tmp_path)
    else:
        process = await start(folkmoot("chain", "relay", "--watch"), env, tmp_path)
    try:
        if how == "run":
            await process.wait_for_line("connected as Folkmoot")
        assert await asyncio.to_thread(stalling_node.stalled.wait, 60), process.output  # waiting for a receipt
        status = await process.stop(signal.SIGINT, STOP_TIMEOUT)
    finally:
        await process.kill()
        if server is not None:
            await server.stop()
    assert status == 0, process.output
    assert "Traceback" not in process.output, process.output
    if how == "run":
        assert "stopping in the middle of a relay pass: it is abandoned safely" in process.output
    else:
        assert "Stopped. A pass cut short resumes where it stopped" in process.output

    stalling_node.release()
    chain_gov.chain.relayer.relay()  # the next relay picks up the sent transaction and the rest
    chain_gov.chain.relayer.relay()
    assert_exactly_once(chain_gov, proposal_id)
