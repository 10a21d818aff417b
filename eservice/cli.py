"""Commands for `flask --app eservice ...`: migrate the database and load demo data."""

from __future__ import annotations

from pathlib import Path

import click
from alembic import command
from alembic.config import Config
from flask import Flask, current_app

from .db import db_session, prepare_sqlite_file

MIGRATIONS_DIR = Path(__file__).parent / "migrations"


def alembic_config(url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def upgrade(url: str) -> None:
    prepare_sqlite_file(url)
    command.upgrade(alembic_config(url), "head")


def reseal(db, batch: int = 500) -> int:
    """Seal under the current key every part II row that is not: rows under an older key, and rows written before
    sealing existed. Each batch commits, so an interrupted run keeps what it did and the next run goes on."""
    from sqlalchemy import or_, select

    from .models import AnswerChange, AnswerSet, CaseEvaluation, CaseNote, CasePlan, Submission, keyring

    current = keyring().current
    total = 0
    sealed_models = (
        (AnswerSet, "answers", "part"),
        (Submission, "part2", None),
        (CaseNote, "body", None),
        (AnswerChange, "values", None),
        (CasePlan, "answers", None),
        (CaseEvaluation, "answers", None),
    )
    for model, sealed_attr, key in sealed_models:
        while True:
            query = select(model).where(or_(model.key_id.is_(None), model.key_id != current))
            if key is not None:
                query = query.where(AnswerSet.part == "II")
            rows = db.scalars(query.limit(batch)).all()
            if not rows:
                break
            for row in rows:
                setattr(row, sealed_attr, getattr(row, sealed_attr))  # opens with its key, seals with the current
                if isinstance(row, AnswerSet):
                    row.completed_pages = row.completed_pages  # rows written before sealing: seal these too
            db.commit()
            total += len(rows)
    return total


def init_app(app: Flask) -> None:
    @app.cli.command("migrate")
    def migrate_command():
        """Bring the database schema up to date."""
        upgrade(current_app.config["DATABASE_URL"])
        click.echo("Database is up to date.")
        sealed = reseal(db_session())
        if sealed:
            click.echo(f"Sealed {sealed} rows of part II answers under the current key.")

    @app.cli.command("rotate-keys")
    @click.option("--batch", default=500, show_default=True, help="Rows re-sealed per transaction.")
    def rotate_keys_command(batch: int):
        """Re-seal every part II answer under the current (first) key of ANSWER_KEYS. Safe to stop and run again."""
        count = reseal(db_session(), batch)
        click.echo(f"Re-sealed {count} rows under key {current_app.extensions['keyring'].current}.")

    @app.cli.command("purge")
    def purge_command():
        """Delete drafts never sent and closed cases past their time, ended sessions and old attempt counts."""
        from . import drafts

        done = drafts.purge(db_session())
        if done is None:
            click.echo("Another purge is running; nothing done.")
        else:
            click.echo(
                f"Deleted {done.drafts} drafts, {done.cases} closed cases, {done.sessions} ended sessions, "
                f"{done.throttles} old attempt counts."
            )

    @app.cli.command("demo-data")
    def demo_data_command():
        """Load a few drafts in different states (development only)."""
        if not current_app.config["DEMO_DATA_ALLOWED"]:
            raise click.ClickException("Demo data is only for development.")
        from .demo import load_demo_data

        for line in load_demo_data():
            click.echo(line)
