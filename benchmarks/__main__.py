"""Run every benchmark: `make bench` (or `.venv/bin/python -m benchmarks [names…]`).

Each one measures its baseline in the same run and prints ratios, since this machine is
shared and noisy; each exits non-zero when it misses its target.
"""

from __future__ import annotations

import subprocess
import sys
import time

BENCHMARKS = {
    "gas": ["benchmarks/gas.py", "--anvil"],
    "vote_storm": ["-m", "benchmarks.vote_storm"],
    "interactions": ["-m", "benchmarks.interactions"],
    "digest": ["-m", "benchmarks.digest"],
    "llm": ["benchmarks/llm.py", "--threads", "1"],
    "faithfulness": ["-m", "benchmarks.faithfulness"],
}


def main(names: list[str]) -> int:
    chosen = names or list(BENCHMARKS)
    unknown = set(chosen) - set(BENCHMARKS)
    if unknown:
        print(f"unknown benchmark(s): {', '.join(sorted(unknown))}; choose from {', '.join(BENCHMARKS)}")
        return 2
    results = []
    for name in chosen:
        print(f"\n=== {name} ===", flush=True)
        started = time.perf_counter()
        code = subprocess.call([sys.executable, *BENCHMARKS[name]])
        results.append((name, code, time.perf_counter() - started))
    print("\n=== summary ===")
    for name, code, seconds in results:
        print(f"{name:<14} {'target met' if code == 0 else f'MISSED (exit {code})':<20} {seconds:6.1f} s")
    return max(code for _, code, _ in results)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
