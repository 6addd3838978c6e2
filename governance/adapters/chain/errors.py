"""The one place that recognises an unreachable or refusing node (ChainUnavailable and ChainRefused
are port errors: the application and the CLI catch them without importing the adapter).

Messages never quote the node's URL: its path and query often hold the provider's API key, and
requests puts the whole URL in its errors. The connection's description names the host."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from web3.exceptions import BadFunctionCallOutput, ProviderConnectionError, TimeExhausted, Web3RPCError

from governance.ports import ChainRefused, ChainUnavailable

# requests' errors are OSErrors; web3 wraps some in its own; a lost reply can surface as a timeout
_UNREACHABLE = (OSError, TimeoutError, ProviderConnectionError, TimeExhausted)
FUND_OR_SWITCH = ("fund it, or set FOLKMOOT_CHAIN_PRIVATE_KEY to a funded key (the relayer then signs the waiting "
                  "records again with it)")


class BroadcastRejected(Exception):
    """The node refused a signed transaction (it is not in its pool: it was not sent)."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason

    @property
    def unfunded(self) -> bool:
        return "insufficient funds" in self.reason.lower()


@contextmanager
def reaching_the_chain() -> Iterator[None]:
    """Turns "the node did not answer" into ChainUnavailable; every other error passes as it is."""
    try:
        yield
    except _UNREACHABLE as error:
        raise ChainUnavailable(f"the node did not answer ({why_unreachable(error)})") from error


def why_unreachable(error: BaseException) -> str:
    """A few words on why a node did not answer, without the URL the underlying error quotes."""
    if isinstance(error, TimeExhausted):
        return "a transaction was not mined in time"
    text = str(error).lower()
    for needle, reason in (("refused", "connection refused"), ("name or service not known", "unknown host"),
                           ("failed to resolve", "unknown host"), ("nodename nor servname", "unknown host"),
                           ("timed out", "timed out"), ("timeout", "timed out"), ("ssl", "TLS failed"),
                           ("reset by peer", "connection reset"), ("remote end closed", "connection closed")):
        if needle in text:
            return reason
    return type(error).__name__


def rpc_message(error: Exception) -> str:
    """The node's own message of a JSON-RPC error ({'code': …, 'message': …}), else the error's text."""
    if isinstance(error, Web3RPCError) and isinstance(getattr(error, "rpc_response", None), dict):
        message = (error.rpc_response.get("error") or {}).get("message")
        if message:
            return str(message)
    if error.args and isinstance(error.args[0], dict) and "message" in error.args[0]:
        return str(error.args[0]["message"])
    return str(error)


def refused_broadcast(rejected: BroadcastRejected, sender: str) -> ChainRefused:
    """What the operator reads when the node refuses the recorder's transaction."""
    if rejected.unfunded:
        return ChainRefused(f"the node refused the recorder's transaction: the recorder {sender} cannot pay for gas "
                            f"({rejected.reason}); {FUND_OR_SWITCH}")
    return ChainRefused(f"the node refused the recorder's transaction from {sender}: {rejected.reason}")


def chain_failure(error: BaseException) -> str | None:
    """One line for a web3 error that escaped the adapter's handling, or None."""
    if isinstance(error, _UNREACHABLE):
        return f"the chain node did not answer ({why_unreachable(error)}); check FOLKMOOT_CHAIN_RPC_URL"
    if isinstance(error, Web3RPCError):
        return f"the chain node refused a request: {rpc_message(error)[:200]}"
    if isinstance(error, BadFunctionCallOutput):
        return ("a contract did not answer as expected: is FOLKMOOT_CHAIN_RPC_URL the chain the ledger was "
                "deployed on?")
    return None
