"""`folkmoot db upgrade`: bring the database schema to the newest migration."""

from __future__ import annotations

from bot.cli.app import db_app
from bot.cli.render import console


@db_app.command("upgrade")
def upgrade() -> None:
    """Create or migrate the database schema (safe to run again)."""
    from governance.bootstrap import migrate_database  # imported late: `--help` stays instant

    revision, where = migrate_database()
    console.print(f"Database at revision [bold]{revision}[/] ({where}).")
