"""Registrations keep only the sha256 of their personal-link secret (issue 9): existing secrets
are hashed.

A link already mailed keeps working (its address hashes to the stored value); the column's
type is unchanged (64 characters: a sha256 in hex).

Revision ID: a3d9e6f2c7b1
Revises: e5a7c3d1f9b2
Create Date: 2026-12-01 09:10:00
"""
import hashlib

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'a3d9e6f2c7b1'
down_revision = 'e5a7c3d1f9b2'
branch_labels = None
depends_on = None

registrations = sa.table("registrations", sa.column("id", sa.Integer),
                         sa.column("token", sa.String(64)))


def upgrade():
    bind = op.get_bind()
    rows = bind.execute(sa.select(registrations.c.id, registrations.c.token)).all()
    for registration_id, token in rows:
        digest = hashlib.sha256(token.encode()).hexdigest()
        bind.execute(registrations.update().where(registrations.c.id == registration_id)
                     .values(token=digest))


def downgrade():
    pass  # a hash cannot be turned back into its secret: links made before stay hashed
