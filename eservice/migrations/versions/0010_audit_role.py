"""The role of the staff member in each audit entry, so that the applicant can see who opened their case

Revision ID: 0010
Revises: 0009
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

# Nullable, and older rows are left without a role: the trail is append-only (a PostgreSQL trigger refuses UPDATE,
# migration 0004), and a role guessed today for an entry written earlier would not be a record of what happened.
# ADD COLUMN changes the table, not its rows, so the trigger does not fire.


def upgrade() -> None:
    op.add_column("audit_log", sa.Column("staff_role", sa.String(16), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("audit_log") as batch:
        batch.drop_column("staff_role")
