"""`folkmoot chain audit-export`: what an operator hands an auditor, written to a file (mode 0600).

The file holds the community's secret salt, which de-pseudonymises members: the command says so."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import typer

from bot.cli.app import chain_app, governance_with_chain
from governance.domain.wording import plural
from governance.errors import InvalidInput


@chain_app.command("audit-export")
def audit_export(community: int = typer.Option(..., "--community", help="The community (Discord server) id."),
                 out: Path = typer.Option(..., "--out", help="The JSON file to write (must not exist yet).")
                 ) -> None:
    """Write the salt, each member's voter id and index, and the database's votes for an auditor."""
    if out.exists():
        raise InvalidInput(f"{out} exists already; choose a new file (nothing was written).")
    if not out.parent.is_dir():
        raise InvalidInput(f"{out.parent} is not a folder (nothing was written).")
    export = governance_with_chain().audit_export(community)
    partial = out.with_name(out.name + ".partial")
    descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as file:
        json.dump(export, file, indent=2, ensure_ascii=False)
        file.write("\n")
    partial.replace(out)  # whole or not at all
    print(f"warning: {export['warning']}", file=sys.stderr)
    print(f"Wrote {out}: {plural(len(export['voters']), 'voter')}, {plural(len(export['votes']), 'vote')} of community {community}.")
