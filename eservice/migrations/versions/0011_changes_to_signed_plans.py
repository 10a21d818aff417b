"""Changes to a signed-off plan or evaluation are kept beside it, like changes to parts I and II: answer_change
names the plan or evaluation it changes

Revision ID: 0011
Revises: 0010
"""

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

# The same rule as in 0007, with the new column among those no UPDATE may touch.
REFUSE_CHANGE_BUT_RESEAL = """
CREATE OR REPLACE FUNCTION answer_change_append_only() RETURNS trigger AS $$
BEGIN
    IF (NEW.id, NEW.household_id, NEW.position, NEW.part_id, NEW.section_id, NEW.question_id, NEW.record_id,
        NEW.changed_by_subject, NEW.changed_by_name, NEW.changed_at)
       IS DISTINCT FROM
       (OLD.id, OLD.household_id, OLD.position, OLD.part_id, OLD.section_id, OLD.question_id, OLD.record_id,
        OLD.changed_by_subject, OLD.changed_by_name, OLD.changed_at) THEN
        RAISE EXCEPTION 'answer_change is append-only: only re-sealing may update a row';
    END IF;
    RETURN NEW;
END
$$ LANGUAGE plpgsql
"""

BEFORE = REFUSE_CHANGE_BUT_RESEAL.replace(" NEW.record_id,", "").replace(" OLD.record_id,", "")


def upgrade() -> None:
    with op.batch_alter_table("answer_change") as batch:
        batch.add_column(sa.Column("record_id", sa.String(36), nullable=True))
        batch.create_index("ix_answer_change_record_id", ["record_id"])
    if op.get_bind().dialect.name == "postgresql":
        op.execute(REFUSE_CHANGE_BUT_RESEAL)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(BEFORE)
    with op.batch_alter_table("answer_change") as batch:
        batch.drop_index("ix_answer_change_record_id")
        batch.drop_column("record_id")
