"""Errors of the chain adapter, and the one place that recognises an unreachable node."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from web3.exceptions import ProviderConnectionError, TimeExhausted

# requests' errors are OSErrors; web3 wraps some in its own; a lost reply can surface as a timeout
_UNREACHABLE = (OSError, TimeoutError, ProviderConnectionError, TimeExhausted)


class ChainUnavailable(Exception):
    """The node did not answer, or a transaction is not mined yet; the relayer retries later."""


@contextmanager
def reaching_the_chain() -> Iterator[None]:
    """Turns "the node did not answer" into ChainUnavailable; every other error passes as it is."""
    try:
        yield
    except _UNREACHABLE as error:
        raise ChainUnavailable(str(error) or type(error).__name__) from error
