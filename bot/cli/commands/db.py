"""`folkmoot db upgrade`: bring the database schema to the newest migration."""

from __future__ import annotations

from bot.cli.app import db_app
from bot.cli.render import console


@db_app.command("upgrade")
def upgrade() -> None:
    """Create or migrate the database schema (safe to run again)."""
    from governance.adapters.sql.engine import make_engine
    from governance.adapters.sql.migrate import current_revision
    from governance.adapters.sql.migrate import upgrade as run_upgrade
    from governance.config import load_settings

    settings = load_settings()
    engine = make_engine(settings.database_url)
    run_upgrade(engine)
    console.print(f"Database at revision [bold]{current_revision(engine)}[/] "
                  f"({engine.url.render_as_string(hide_password=True)}).")
