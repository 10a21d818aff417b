"""Facts for the statistics: per adult of a case, year of birth, gender, household type, when assistance began and
försörjningshinder, recorded by the caseworker (plain codes and numbers, never free text)

Revision ID: 0009
Revises: 0008
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "case_adult_facts",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("household_id", sa.String(36), sa.ForeignKey("household.id", ondelete="CASCADE"), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("birth_year", sa.Integer(), nullable=True),
        sa.Column("gender", sa.String(16), nullable=True),
        sa.Column("household_type", sa.String(32), nullable=True),
        sa.Column("assistance_since", sa.Date(), nullable=True),
        sa.Column("support_obstacle", sa.String(48), nullable=True),
        sa.Column("recorded_by_subject", sa.String(255), nullable=False),
        sa.Column("recorded_by_name", sa.String(255), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("household_id", "position"),
    )
    op.create_index("ix_case_adult_facts_household_id", "case_adult_facts", ["household_id"])


def downgrade() -> None:
    op.drop_index("ix_case_adult_facts_household_id", "case_adult_facts")
    op.drop_table("case_adult_facts")
