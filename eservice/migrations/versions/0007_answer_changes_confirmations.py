"""Confirming together at the meeting: changes kept beside the original answers, section confirmations, and
append-only triggers on PostgreSQL for them and for the need group decisions

Revision ID: 0007
Revises: 0006
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

# Rows of these tables are history: never updated. Deleting stays possible, because the purge deletes a closed case
# with everything on it (ON DELETE CASCADE). answer_change may have its sealed columns re-sealed under a new key.
REFUSE_UPDATE = """
CREATE FUNCTION history_is_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION '% is append-only: UPDATE refused', TG_TABLE_NAME;
END
$$ LANGUAGE plpgsql
"""

REFUSE_CHANGE_BUT_RESEAL = """
CREATE FUNCTION answer_change_append_only() RETURNS trigger AS $$
BEGIN
    IF (NEW.id, NEW.household_id, NEW.position, NEW.part_id, NEW.section_id, NEW.question_id,
        NEW.changed_by_subject, NEW.changed_by_name, NEW.changed_at)
       IS DISTINCT FROM
       (OLD.id, OLD.household_id, OLD.position, OLD.part_id, OLD.section_id, OLD.question_id,
        OLD.changed_by_subject, OLD.changed_by_name, OLD.changed_at) THEN
        RAISE EXCEPTION 'answer_change is append-only: only re-sealing may update a row';
    END IF;
    RETURN NEW;
END
$$ LANGUAGE plpgsql
"""

TRIGGERS = {
    "need_group_decision": "history_is_append_only",
    "section_confirmation": "history_is_append_only",
    "answer_change": "answer_change_append_only",
}


def upgrade() -> None:
    with op.batch_alter_table("household") as batch:
        batch.add_column(sa.Column("answers_version", sa.Integer(), nullable=False, server_default="0"))
    op.create_table(
        "answer_change",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("household_id", sa.String(36), sa.ForeignKey("household.id", ondelete="CASCADE"), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("part_id", sa.String(4), nullable=False),
        sa.Column("section_id", sa.String(64), nullable=False),
        sa.Column("question_id", sa.String(64), nullable=False),
        sa.Column("changed_by_subject", sa.String(255), nullable=False),
        sa.Column("changed_by_name", sa.String(255), nullable=False),
        sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("change_values", sa.JSON(), nullable=True),
        sa.Column("sealed_values", sa.Text(), nullable=True),
        sa.Column("key_id", sa.String(32), nullable=True),
    )
    op.create_index("ix_answer_change_household_id", "answer_change", ["household_id"])
    op.create_index("ix_answer_change_key_id", "answer_change", ["key_id"])
    op.create_table(
        "section_confirmation",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("household_id", sa.String(36), sa.ForeignKey("household.id", ondelete="CASCADE"), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("part_id", sa.String(4), nullable=False),
        sa.Column("section_id", sa.String(64), nullable=False),
        sa.Column("confirmed_by_subject", sa.String(255), nullable=False),
        sa.Column("confirmed_by_name", sa.String(255), nullable=False),
        sa.Column("confirmed_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_section_confirmation_household_id", "section_confirmation", ["household_id"])
    if op.get_bind().dialect.name == "postgresql":
        op.execute(REFUSE_UPDATE)
        op.execute(REFUSE_CHANGE_BUT_RESEAL)
        for table, function in TRIGGERS.items():
            op.execute(
                f"CREATE TRIGGER {table}_append_only BEFORE UPDATE ON {table} "  # noqa: S608  (names from above)
                f"FOR EACH ROW EXECUTE FUNCTION {function}()"
            )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for table in TRIGGERS:
            op.execute(f"DROP TRIGGER {table}_append_only ON {table}")
        op.execute("DROP FUNCTION answer_change_append_only()")
        op.execute("DROP FUNCTION history_is_append_only()")
    op.drop_table("section_confirmation")
    op.drop_table("answer_change")
    with op.batch_alter_table("household") as batch:
        batch.drop_column("answers_version")
