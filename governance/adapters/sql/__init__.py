"""SQL persistence with sqlmodel: SQLite by default, PostgreSQL in production."""
