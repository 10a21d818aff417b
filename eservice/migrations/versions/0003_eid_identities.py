"""Applicants with e-ID: identities, e-ID credentials with their assurance level, and how a draft was started

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "eid_identity",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("issuer", sa.String(255), nullable=False),
        sa.Column("subject", sa.String(255), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("issuer", "subject", name="uq_eid_identity_issuer_subject"),
    )
    with op.batch_alter_table("credential") as batch:
        batch.add_column(sa.Column("identity_id", sa.String(36), nullable=True))
        batch.add_column(sa.Column("acr", sa.String(100), nullable=True))
        batch.add_column(sa.Column("identity_provider", sa.String(255), nullable=True))
        batch.add_column(sa.Column("signed_in_at", sa.DateTime(timezone=True), nullable=True))
        batch.create_foreign_key(
            "fk_credential_identity_id", "eid_identity", ["identity_id"], ["id"], ondelete="CASCADE"
        )
        batch.create_index("ix_credential_identity_id", ["identity_id"])
    with op.batch_alter_table("household") as batch:
        batch.add_column(sa.Column("origin", sa.String(8), nullable=False, server_default="code"))
        batch.add_column(sa.Column("origin_acr", sa.String(100), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("household") as batch:
        batch.drop_column("origin_acr")
        batch.drop_column("origin")
    with op.batch_alter_table("credential") as batch:
        batch.drop_index("ix_credential_identity_id")
        batch.drop_constraint("fk_credential_identity_id", type_="foreignkey")
        batch.drop_column("signed_in_at")
        batch.drop_column("identity_provider")
        batch.drop_column("acr")
        batch.drop_column("identity_id")
    op.drop_table("eid_identity")
