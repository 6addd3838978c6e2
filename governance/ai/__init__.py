"""The language-model capability's pure logic: prompts, guardrails, provenance, the use case.

Nothing here imports torch or transformers; the backends live in
`governance.adapters.llm` and reach this package only through the ports.
"""
