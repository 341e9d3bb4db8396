"""Status messages stored as a key and its parameters, translated when shown (issue 13):
photos.message_parts and workshops.kit_message_parts (the French text stays beside them).

Revision ID: e5a7c3d1f9b2
Revises: 92c06f1a49e4
Create Date: 2026-12-01 05:45:00
"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'e5a7c3d1f9b2'
down_revision = '92c06f1a49e4'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('photos', schema=None) as batch_op:
        batch_op.add_column(sa.Column('message_parts', sa.JSON(), nullable=True))
    with op.batch_alter_table('workshops', schema=None) as batch_op:
        batch_op.add_column(sa.Column('kit_message_parts', sa.JSON(), nullable=True))


def downgrade():
    with op.batch_alter_table('workshops', schema=None) as batch_op:
        batch_op.drop_column('kit_message_parts')
    with op.batch_alter_table('photos', schema=None) as batch_op:
        batch_op.drop_column('message_parts')
