"""`folkmoot demo`: a whole governance round on a fresh temporary database."""

from __future__ import annotations

import typer

from bot.cli.app import app


@app.command("demo")
def demo(
    keep: bool = typer.Option(False, "--keep", help="Keep the temporary database and print its path."),
) -> None:
    """Run a scripted governance round offline and print it."""
    from bot.cli.demo import run_demo

    run_demo(keep=keep)
