"""The queue's filters in the database: the answers' language, the interpreter and the children, kept on the case
from part I as sent, with indexes for every filter and the sort by waiting time

Revision ID: 0012
Revises: 0011
"""

import sqlalchemy as sa
from alembic import op

from eservice.instrument.queue_facts import queue_facts

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

household = sa.table(
    "household",
    sa.column("id", sa.String),
    sa.column("answers_language", sa.String),
    sa.column("interpreter_needed", sa.Boolean),
    sa.column("interpreter_language", sa.String),
    sa.column("children_count", sa.Integer),
)
adult = sa.table("adult", sa.column("id", sa.String), sa.column("position", sa.Integer))
submission = sa.table(
    "submission", sa.column("household_id", sa.String), sa.column("adult_id", sa.String), sa.column("part1", sa.JSON)
)


def upgrade() -> None:
    with op.batch_alter_table("household") as batch:
        batch.add_column(sa.Column("answers_language", sa.String(8), nullable=False, server_default=""))
        batch.add_column(sa.Column("interpreter_needed", sa.Boolean(), nullable=False, server_default=sa.false()))
        batch.add_column(sa.Column("interpreter_language", sa.String(100), nullable=False, server_default=""))
        batch.add_column(sa.Column("children_count", sa.Integer(), nullable=False, server_default="0"))
        batch.create_index("ix_household_answers_language", ["answers_language"])
        batch.create_index("ix_household_interpreter_needed", ["interpreter_needed"])
        batch.create_index("ix_household_queue", ["unit", "status", "submitted_at"])
        batch.create_index("ix_household_holder_queue", ["holder_subject", "submitted_at"])
    # Cases sent before: read once from adult 1's part I as sent.
    bind = op.get_bind()
    rows = bind.execute(
        sa.select(submission.c.household_id, submission.c.part1)
        .select_from(submission.join(adult, adult.c.id == submission.c.adult_id))
        .where(adult.c.position == 1)
    )
    for household_id, part1 in rows.all():
        facts = queue_facts(dict(part1 or {}))
        bind.execute(
            household.update()
            .where(household.c.id == household_id)
            .values(
                answers_language=facts.language,
                interpreter_needed=facts.interpreter,
                interpreter_language=facts.interpreter_language,
                children_count=facts.children,
            )
        )


def downgrade() -> None:
    with op.batch_alter_table("household") as batch:
        batch.drop_index("ix_household_holder_queue")
        batch.drop_index("ix_household_queue")
        batch.drop_index("ix_household_interpreter_needed")
        batch.drop_index("ix_household_answers_language")
        batch.drop_column("children_count")
        batch.drop_column("interpreter_language")
        batch.drop_column("interpreter_needed")
        batch.drop_column("answers_language")
