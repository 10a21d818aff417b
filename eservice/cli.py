"""Commands for `flask --app eservice ...`: migrate the database and load demo data."""

from __future__ import annotations

from pathlib import Path

import click
from alembic import command
from alembic.config import Config
from flask import Flask, current_app

MIGRATIONS_DIR = Path(__file__).parent / "migrations"


def alembic_config(url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def upgrade(url: str) -> None:
    if url.startswith("sqlite:///"):
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    command.upgrade(alembic_config(url), "head")


def init_app(app: Flask) -> None:
    @app.cli.command("migrate")
    def migrate_command():
        """Bring the database schema up to date."""
        upgrade(current_app.config["DATABASE_URL"])
        click.echo("Database is up to date.")

    @app.cli.command("demo-data")
    def demo_data_command():
        """Load a few drafts in different states (development only)."""
        if not current_app.config["DEMO_DATA_ALLOWED"]:
            raise click.ClickException("Demo data is only for development.")
        from .demo import load_demo_data

        for line in load_demo_data():
            click.echo(line)
