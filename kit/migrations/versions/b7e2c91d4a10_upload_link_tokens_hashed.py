"""Upload links keep only the sha256 of their secret (issue 9): existing secrets are hashed.

An existing link keeps working (its address hashes to the stored value); the column's type is
unchanged (64 characters: a sha256 in hex).

Revision ID: b7e2c91d4a10
Revises: 81be19974b2c
Create Date: 2026-12-01 05:10:00
"""
import hashlib

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'b7e2c91d4a10'
down_revision = '81be19974b2c'
branch_labels = None
depends_on = None

links = sa.table("upload_links", sa.column("id", sa.Integer), sa.column("token", sa.String(64)))


def upgrade():
    bind = op.get_bind()
    for link_id, token in bind.execute(sa.select(links.c.id, links.c.token)).all():
        digest = hashlib.sha256(token.encode()).hexdigest()
        bind.execute(links.update().where(links.c.id == link_id).values(token=digest))


def downgrade():
    pass  # a hash cannot be turned back into its secret: links made before stay hashed
