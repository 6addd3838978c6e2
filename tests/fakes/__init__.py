"""Test doubles: small real stand-ins where the real thing is unreachable here (a tiny trained
GPT-2, a local OpenAI-compatible server), fakes of the ports (an in-memory unit of work, an AI
record store, a publisher that records), and the relayer's crash hook. Product code never
imports this package (an import-linter contract keeps it so)."""
