"""Staff-only notes on a case, sealed like part II

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "case_note",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("household_id", sa.String(36), sa.ForeignKey("household.id", ondelete="CASCADE"), nullable=False),
        sa.Column("author_subject", sa.String(255), nullable=False),
        sa.Column("author_name", sa.String(255), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("body", sa.Text(), nullable=True),
        sa.Column("sealed_body", sa.Text(), nullable=True),
        sa.Column("key_id", sa.String(32), nullable=True),
    )
    op.create_index("ix_case_note_household_id", "case_note", ["household_id"])
    op.create_index("ix_case_note_key_id", "case_note", ["key_id"])


def downgrade() -> None:
    op.drop_table("case_note")
