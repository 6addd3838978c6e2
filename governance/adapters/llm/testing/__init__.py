"""Small real stand-ins for tests and benchmarks (like httpx's MockTransport):
a tiny trained GPT-2 and a local OpenAI-compatible server. No network needed."""
