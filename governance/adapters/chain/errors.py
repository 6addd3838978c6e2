"""The one place that recognises an unreachable node (ChainUnavailable is a port error: the
application and the CLI catch it without importing the adapter)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from web3.exceptions import ProviderConnectionError, TimeExhausted

from governance.ports import ChainUnavailable

# requests' errors are OSErrors; web3 wraps some in its own; a lost reply can surface as a timeout
_UNREACHABLE = (OSError, TimeoutError, ProviderConnectionError, TimeExhausted)


@contextmanager
def reaching_the_chain() -> Iterator[None]:
    """Turns "the node did not answer" into ChainUnavailable; every other error passes as it is."""
    try:
        yield
    except _UNREACHABLE as error:
        raise ChainUnavailable(str(error) or type(error).__name__) from error
