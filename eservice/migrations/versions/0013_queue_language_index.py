"""The queue's language filter lists the languages a unit's cases were answered in: one index probe per language
needs the unit, the status and the language together

Revision ID: 0013
Revises: 0012
"""

from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_household_unit_language", "household", ["unit", "status", "answers_language"])


def downgrade() -> None:
    op.drop_index("ix_household_unit_language", table_name="household")
