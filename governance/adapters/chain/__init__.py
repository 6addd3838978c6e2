"""The chain adapter: the ledger contract's artifacts, encodings, relayer, indexer and reader.

`artifacts`, `voter_ids`, `keys`, `packed_votes` and `eip712` are pure (no I/O beyond reading the
committed artifacts), so the relayer, the indexer, the reader and the tests share one definition
of voter ids, proposal keys, packed votes and the EIP-712 ballot. Provenance proofs use
`governance.ai.merkle`, the tree the AI app anchors.
"""
