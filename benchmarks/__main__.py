"""Run every benchmark: `make bench` (or `.venv/bin/python -m benchmarks [names…]`).

Each one measures its baseline in the same run and prints ratios, since this machine is
shared and noisy; each states the machine's load first, and exits non-zero when it misses its
target (3: it ran, but a timing target was not judged because the machine was busy). Each runs as a module from the repository root, so its imports (tests.fakes, …) resolve
in a fresh clone, where only `governance` and `bot` are installed.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from benchmarks.report import NOT_JUDGED

BENCHMARKS = {
    "gas": ["-m", "benchmarks.gas", "--anvil"],
    "vote_storm": ["-m", "benchmarks.vote_storm"],
    "verify_scale": ["-m", "benchmarks.verify_scale"],
    "interactions": ["-m", "benchmarks.interactions"],
    "digest": ["-m", "benchmarks.digest"],
    "wallet_relay": ["-m", "benchmarks.wallet_relay"],
    "llm": ["-m", "benchmarks.llm", "--threads", "1"],
    "faithfulness": ["-m", "benchmarks.faithfulness"],
}
ROOT = Path(__file__).resolve().parents[1]
VERDICTS = {0: "target met", NOT_JUDGED: "ran; timing not judged (machine busy)"}


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
        code = subprocess.call([sys.executable, *BENCHMARKS[name]], cwd=ROOT)
        results.append((name, code, time.perf_counter() - started))
    print("\n=== summary ===")
    for name, code, seconds in results:
        print(f"{name:<14} {VERDICTS.get(code, f'MISSED (exit {code})'):<34} {seconds:6.1f} s")
    return max((code for _, code, _ in results if code != NOT_JUDGED), default=0)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
