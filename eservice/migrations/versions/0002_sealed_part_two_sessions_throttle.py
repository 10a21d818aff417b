"""Part II sealed at rest, server-side sessions, attempt throttling, retention dates

Revision ID: 0002
Revises: 0001

After upgrading, `flask migrate` seals any part II answers written before (see eservice.cli).
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("household") as batch:
        batch.drop_column("failed_resume_attempts")
        batch.drop_column("resume_locked_until")
        batch.add_column(
            sa.Column("last_saved_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now())
        )
        batch.add_column(sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True))
        batch.create_index("ix_household_last_saved_at", ["last_saved_at"])
        batch.create_index("ix_household_closed_at", ["closed_at"])

    with op.batch_alter_table("answer_set") as batch:
        batch.alter_column("answers", existing_type=sa.JSON(), nullable=True)
        batch.alter_column("completed_pages", existing_type=sa.JSON(), nullable=True)
        batch.add_column(sa.Column("sealed_answers", sa.Text(), nullable=True))
        batch.add_column(sa.Column("sealed_completed", sa.Text(), nullable=True))
        batch.add_column(sa.Column("key_id", sa.String(32), nullable=True))
        batch.create_index("ix_answer_set_key_id", ["key_id"])

    with op.batch_alter_table("submission") as batch:
        batch.alter_column("part2", existing_type=sa.JSON(), nullable=True)
        batch.add_column(sa.Column("sealed_part2", sa.Text(), nullable=True))
        batch.add_column(sa.Column("key_id", sa.String(32), nullable=True))
        batch.add_column(sa.Column("context", sa.JSON(), nullable=True))
        batch.create_index("ix_submission_key_id", ["key_id"])

    op.create_table(
        "web_session",
        sa.Column("token_hash", sa.String(64), primary_key=True),
        sa.Column("adult_id", sa.String(36), sa.ForeignKey("adult.id", ondelete="CASCADE"), nullable=True),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_web_session_adult_id", "web_session", ["adult_id"])
    op.create_index("ix_web_session_expires_at", "web_session", ["expires_at"])

    op.create_table(
        "throttle",
        sa.Column("key", sa.String(160), primary_key=True),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("delay", sa.Float(), nullable=False),
        sa.Column("next_allowed", sa.Float(), nullable=False),
        sa.Column("last_attempt", sa.Float(), nullable=False),
    )
    op.create_index("ix_throttle_last_attempt", "throttle", ["last_attempt"])


def downgrade() -> None:
    op.drop_table("throttle")
    op.drop_table("web_session")
    with op.batch_alter_table("submission") as batch:
        batch.drop_index("ix_submission_key_id")
        batch.drop_column("context")
        batch.drop_column("key_id")
        batch.drop_column("sealed_part2")
    with op.batch_alter_table("answer_set") as batch:
        batch.drop_index("ix_answer_set_key_id")
        batch.drop_column("key_id")
        batch.drop_column("sealed_completed")
        batch.drop_column("sealed_answers")
    with op.batch_alter_table("household") as batch:
        batch.drop_index("ix_household_closed_at")
        batch.drop_index("ix_household_last_saved_at")
        batch.drop_column("closed_at")
        batch.drop_column("last_saved_at")
        batch.add_column(sa.Column("resume_locked_until", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("failed_resume_attempts", sa.Integer(), nullable=False, server_default="0"))
