"""Cases: the unit, state and holder of a submitted household, the booked meeting, known staff, the audit log

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

APPEND_ONLY_FUNCTION = """
CREATE FUNCTION audit_log_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP;
END
$$ LANGUAGE plpgsql
"""
APPEND_ONLY_TRIGGER = """
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()
"""


def upgrade() -> None:
    with op.batch_alter_table("household") as batch:
        batch.add_column(sa.Column("unit", sa.String(32), nullable=True))
        batch.add_column(sa.Column("case_state", sa.String(16), nullable=False, server_default="submitted"))
        batch.add_column(sa.Column("holder_subject", sa.String(255), nullable=True))
        batch.add_column(sa.Column("holder_name", sa.String(255), nullable=True))
        batch.add_column(sa.Column("held_since", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("meeting_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("meeting_mode", sa.String(8), nullable=True))
        batch.add_column(sa.Column("meeting_where", sa.String(255), nullable=True))
        batch.add_column(
            sa.Column("meeting_interpreter_booked", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch.add_column(sa.Column("meeting_interpreter_language", sa.String(100), nullable=True))
        batch.create_index("ix_household_unit", ["unit"])
        batch.create_index("ix_household_case_state", ["case_state"])
        batch.create_index("ix_household_holder_subject", ["holder_subject"])
    op.create_table(
        "staff_member",
        sa.Column("subject", sa.String(255), primary_key=True),
        sa.Column("name", sa.String(255), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("unit", sa.String(32), nullable=False),
        sa.Column("last_seen_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_staff_member_unit", "staff_member", ["unit"])
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("staff_subject", sa.String(255), nullable=False),
        sa.Column("staff_name", sa.String(255), nullable=False),
        sa.Column("household_id", sa.String(36), nullable=False),
        sa.Column("reference", sa.String(16), nullable=False),
        sa.Column("action", sa.String(16), nullable=False),
        sa.Column("request_id", sa.String(64), nullable=False),
    )
    op.create_index("ix_audit_log_at", "audit_log", ["at"])
    op.create_index("ix_audit_log_staff_subject", "audit_log", ["staff_subject"])
    op.create_index("ix_audit_log_household_id", "audit_log", ["household_id"])
    op.create_index("ix_audit_log_reference", "audit_log", ["reference"])
    if op.get_bind().dialect.name == "postgresql":  # below the application too: no UPDATE or DELETE of the trail
        op.execute(APPEND_ONLY_FUNCTION)
        op.execute(APPEND_ONLY_TRIGGER)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER audit_log_append_only ON audit_log")
        op.execute("DROP FUNCTION audit_log_append_only()")
    op.drop_table("audit_log")
    op.drop_table("staff_member")
    with op.batch_alter_table("household") as batch:
        batch.drop_index("ix_household_holder_subject")
        batch.drop_index("ix_household_case_state")
        batch.drop_index("ix_household_unit")
        for column in (
            "meeting_interpreter_language",
            "meeting_interpreter_booked",
            "meeting_where",
            "meeting_mode",
            "meeting_at",
            "held_since",
            "holder_name",
            "holder_subject",
            "case_state",
            "unit",
        ):
            batch.drop_column(column)
