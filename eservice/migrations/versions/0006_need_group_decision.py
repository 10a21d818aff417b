"""Need groups: the group chosen per adult at the meeting, append-only (the newest row is the current one)

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "need_group_decision",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("household_id", sa.String(36), sa.ForeignKey("household.id", ondelete="CASCADE"), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("group_code", sa.String(8), nullable=False),
        sa.Column("agreed", sa.Boolean(), nullable=False),
        sa.Column("decided_by_subject", sa.String(255), nullable=False),
        sa.Column("decided_by_name", sa.String(255), nullable=False),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_need_group_decision_household_id", "need_group_decision", ["household_id"])


def downgrade() -> None:
    op.drop_index("ix_need_group_decision_household_id", "need_group_decision")
    op.drop_table("need_group_decision")
