"""Workshops: the restitution is published on purpose (when, by whom), and personal data has
a retention period (months after the day); participants record when their data was erased
(issue 9).

Revision ID: c4f1a8e9d2b3
Revises: b7e2c91d4a10
Create Date: 2026-12-01 05:20:00
"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'c4f1a8e9d2b3'
down_revision = 'b7e2c91d4a10'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('workshops', schema=None) as batch_op:
        batch_op.add_column(sa.Column('restitution_published_at', sa.DateTime(timezone=True),
                                      nullable=True))
        batch_op.add_column(sa.Column('restitution_published_by_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('retention_months', sa.Integer(), server_default='12',
                                      nullable=False))
        batch_op.create_foreign_key('fk_workshops_restitution_published_by_id_users', 'users',
                                    ['restitution_published_by_id'], ['id'])
    with op.batch_alter_table('participants', schema=None) as batch_op:
        batch_op.add_column(sa.Column('erased_at', sa.DateTime(timezone=True), nullable=True))


def downgrade():
    with op.batch_alter_table('participants', schema=None) as batch_op:
        batch_op.drop_column('erased_at')
    with op.batch_alter_table('workshops', schema=None) as batch_op:
        batch_op.drop_constraint('fk_workshops_restitution_published_by_id_users',
                                 type_='foreignkey')
        batch_op.drop_column('retention_months')
        batch_op.drop_column('restitution_published_by_id')
        batch_op.drop_column('restitution_published_at')
