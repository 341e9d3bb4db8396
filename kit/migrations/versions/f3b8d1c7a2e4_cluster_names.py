"""Cluster names: the organisers' titles for the clusters of cards on the walls (issue 10).

Revision ID: f3b8d1c7a2e4
Revises: f3a9d2c81e70
Create Date: 2026-12-01 09:20:00
"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'f3b8d1c7a2e4'
down_revision = 'f3a9d2c81e70'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'cluster_names',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('workshop_id', sa.Integer(), nullable=False),
        sa.Column('cluster', sa.String(length=40), nullable=False),
        sa.Column('name', sa.String(length=120), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['workshop_id'], ['workshops.id'],
                                name=op.f('fk_cluster_names_workshop_id_workshops'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_cluster_names')),
        sa.UniqueConstraint('workshop_id', 'cluster', name=op.f('uq_cluster_names_workshop_id')),
    )
    with op.batch_alter_table('cluster_names', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_cluster_names_workshop_id'), ['workshop_id'],
                              unique=False)


def downgrade():
    with op.batch_alter_table('cluster_names', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_cluster_names_workshop_id'))
    op.drop_table('cluster_names')
