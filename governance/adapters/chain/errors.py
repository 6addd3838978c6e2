"""Errors of the chain adapter."""


class ChainUnavailable(Exception):
    """The node did not answer, or a transaction is not mined yet; the relayer retries later."""
