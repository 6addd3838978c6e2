"""The chain adapter: the ledger contract's artifacts, encodings, relayer and indexer.

`artifacts`, `voter_ids`, `packed_votes`, `eip712` and `merkle` are pure (no I/O beyond reading the
committed artifacts), so the relayer, the indexer, `verify` and the tests share one definition of
voter ids, packed votes, the EIP-712 ballot and provenance proofs.
"""
