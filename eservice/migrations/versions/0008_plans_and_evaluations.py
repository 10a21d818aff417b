"""Parts III and IV over time: plans with a follow-up date and their evaluations, each final once signed off

Revision ID: 0008
Revises: 0007
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

# Below the application too: a signed-off row changes only by re-sealing under a new key.
SIGNED_OFF_IS_FINAL = """
CREATE FUNCTION signed_off_is_final() RETURNS trigger AS $$
BEGIN
    IF OLD.signed_off_at IS NOT NULL AND (to_jsonb(NEW) - 'sealed_answers' - 'answers' - 'key_id')
                                          IS DISTINCT FROM (to_jsonb(OLD) - 'sealed_answers' - 'answers' - 'key_id') THEN
        RAISE EXCEPTION '% is signed off: UPDATE refused', TG_TABLE_NAME;
    END IF;
    RETURN NEW;
END
$$ LANGUAGE plpgsql
"""


def _signed_off_columns() -> list[sa.Column]:
    return [
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("household_id", sa.String(36), sa.ForeignKey("household.id", ondelete="CASCADE"), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("created_by_subject", sa.String(255), nullable=False),
        sa.Column("created_by_name", sa.String(255), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("signed_off_by_subject", sa.String(255), nullable=True),
        sa.Column("signed_off_by_name", sa.String(255), nullable=True),
        sa.Column("signed_off_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("answers", sa.JSON(), nullable=True),
        sa.Column("sealed_answers", sa.Text(), nullable=True),
        sa.Column("key_id", sa.String(32), nullable=True),
    ]


def upgrade() -> None:
    op.create_table(
        "case_plan",
        *_signed_off_columns(),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("based_on_id", sa.String(36), nullable=True),
        sa.Column("follow_up_on", sa.Date(), nullable=False),
    )
    op.create_table(
        "case_evaluation",
        *_signed_off_columns(),
        sa.Column("plan_id", sa.String(36), sa.ForeignKey("case_plan.id", ondelete="CASCADE"), nullable=False),
        sa.Column("decision", sa.String(16), nullable=True),
        sa.Column("next_follow_up_on", sa.Date(), nullable=True),
    )
    for table in ("case_plan", "case_evaluation"):
        op.create_index(f"ix_{table}_household_id", table, ["household_id"])
        op.create_index(f"ix_{table}_key_id", table, ["key_id"])
    op.create_index("ix_case_plan_follow_up_on", "case_plan", ["follow_up_on"])
    op.create_index("ix_case_evaluation_plan_id", "case_evaluation", ["plan_id"])
    if op.get_bind().dialect.name == "postgresql":
        op.execute(SIGNED_OFF_IS_FINAL)
        for table in ("case_plan", "case_evaluation"):
            op.execute(
                f"CREATE TRIGGER {table}_signed_off_is_final BEFORE UPDATE ON {table} "  # noqa: S608  (fixed names)
                "FOR EACH ROW EXECUTE FUNCTION signed_off_is_final()"
            )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for table in ("case_plan", "case_evaluation"):
            op.execute(f"DROP TRIGGER {table}_signed_off_is_final ON {table}")
        op.execute("DROP FUNCTION signed_off_is_final()")
    op.drop_table("case_evaluation")
    op.drop_table("case_plan")
