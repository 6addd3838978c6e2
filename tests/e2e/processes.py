"""A folkmoot command in a process of its own, its output collected line by line, so a test can
wait for a line, send a signal, and read everything the process said."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
FOLKMOOT = [sys.executable, "-c", "import sys; from bot.cli import main; sys.exit(main())"]


class Running:
    def __init__(self, process: asyncio.subprocess.Process):
        self.process = process
        self.lines: list[str] = []
        self._changed = asyncio.Event()
        self._readers = [asyncio.create_task(self._read(stream)) for stream in (process.stdout, process.stderr)]

    async def _read(self, stream: asyncio.StreamReader) -> None:
        async for raw in stream:
            self.lines.append(raw.decode("utf-8", "replace").rstrip("\n"))
            self._changed.set()

    @property
    def output(self) -> str:
        return "\n".join(self.lines)

    async def wait_for_line(self, text: str, timeout: float = 60.0) -> str:
        """The first line containing `text`; fails (with the output so far) if none comes in time."""
        async def seen() -> str:
            while True:
                found = next((line for line in self.lines if text in line), None)
                if found is not None:
                    return found
                if self.process.returncode is not None:
                    raise AssertionError(f"the process ended ({self.process.returncode}) before saying "
                                         f"{text!r}:\n{self.output}")
                self._changed.clear()
                try:
                    await asyncio.wait_for(self._changed.wait(), 0.5)
                except TimeoutError:
                    pass
        try:
            return await asyncio.wait_for(seen(), timeout)
        except TimeoutError:
            raise AssertionError(f"no line with {text!r} within {timeout} s:\n{self.output}") from None

    async def stop(self, number: signal.Signals, timeout: float) -> int:
        """Sends the signal; the exit status. `timeout` is a generous bound (a test counts, it does not
        time): past it the process is killed and the test fails."""
        self.process.send_signal(number)
        try:
            status = await asyncio.wait_for(self.process.wait(), timeout)
        except TimeoutError:
            self.process.kill()
            await self.process.wait()
            raise AssertionError(f"still running {timeout} s after {number.name}:\n{self.output}") from None
        await asyncio.gather(*self._readers)
        return status

    async def kill(self) -> None:
        if self.process.returncode is None:
            self.process.kill()
            await self.process.wait()
        await asyncio.gather(*self._readers, return_exceptions=True)


async def start(argv: list[str], env: dict[str, str], cwd: Path) -> Running:
    environment = {**os.environ, **env, "PYTHONPATH": str(REPO), "PYTHONUNBUFFERED": "1"}
    environment = {k: v for k, v in environment.items() if not (k.startswith("FOLKMOOT_") and k not in env)}
    process = await asyncio.create_subprocess_exec(*argv, env=environment, cwd=cwd, stdout=asyncio.subprocess.PIPE,
                                                   stderr=asyncio.subprocess.PIPE)
    return Running(process)


def folkmoot(*args: str) -> list[str]:
    return [*FOLKMOOT, *args]


def bot_process(api_url: str, gateway_url: str) -> list[str]:
    return [sys.executable, "-m", "tests.e2e.bot_process", api_url, gateway_url]
