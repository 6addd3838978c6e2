"""`folkmoot model pull`: download a hub model into the local cache (for machines with internet)."""

from __future__ import annotations

import typer

from bot.cli.app import app
from bot.cli.render import console

model_app = typer.Typer(help="Language-model weights for the local backend.", no_args_is_help=True)
app.add_typer(model_app, name="model")


@model_app.command("pull")
def pull(
    model_id: str = typer.Argument(..., help="A hub model id, e.g. Qwen/Qwen2.5-0.5B-Instruct."),
    revision: str = typer.Option(None, "--revision", help="A branch, tag or commit (default: main)."),
) -> None:
    """Download a model into the local model cache; FOLKMOOT_MODEL_ID=<id> then loads it offline."""
    from governance.bootstrap import pull_model  # the hub client loads only here

    path = pull_model(model_id, revision)
    console.print(f"{model_id} is in the local model cache: {path}")
    console.print(f"Use it with FOLKMOOT_MODEL_ID={model_id}")
