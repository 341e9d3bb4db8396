"""Afternoon groups (issue 11): needs grouped by meaning, confirmed by an organiser, each with
its pre-filled "Graine de projet" sheet (afternoon_groups, afternoon_items).

Revision ID: 4bf650be46b1
Revises: a3d9e6f2c7b1
Create Date: 2026-12-01 08:53:59.497227
"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '4bf650be46b1'
down_revision = 'a3d9e6f2c7b1'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'afternoon_groups',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('workshop_id', sa.Integer(), nullable=False),
        sa.Column('name', sa.String(length=120), nullable=False),
        sa.Column('status', sa.String(length=10), nullable=False),
        sa.Column('position', sa.Integer(), nullable=False),
        sa.Column('table_label', sa.String(length=20), nullable=False),
        sa.Column('sheet_card_id', sa.Integer(), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('confirmed_at', sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(['sheet_card_id'], ['cards.id'],
                                name=op.f('fk_afternoon_groups_sheet_card_id_cards')),
        sa.ForeignKeyConstraint(['workshop_id'], ['workshops.id'],
                                name=op.f('fk_afternoon_groups_workshop_id_workshops')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_afternoon_groups')),
        sa.UniqueConstraint('sheet_card_id', name=op.f('uq_afternoon_groups_sheet_card_id')),
    )
    with op.batch_alter_table('afternoon_groups', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_afternoon_groups_workshop_id'), ['workshop_id'],
                              unique=False)

    op.create_table(
        'afternoon_items',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('group_id', sa.Integer(), nullable=False),
        sa.Column('card_id', sa.Integer(), nullable=False),
        sa.Column('position', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['card_id'], ['cards.id'],
                                name=op.f('fk_afternoon_items_card_id_cards')),
        sa.ForeignKeyConstraint(['group_id'], ['afternoon_groups.id'],
                                name=op.f('fk_afternoon_items_group_id_afternoon_groups'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_afternoon_items')),
        sa.UniqueConstraint('card_id', name=op.f('uq_afternoon_items_card_id')),
    )
    with op.batch_alter_table('afternoon_items', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_afternoon_items_group_id'), ['group_id'],
                              unique=False)


def downgrade():
    with op.batch_alter_table('afternoon_items', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_afternoon_items_group_id'))
    op.drop_table('afternoon_items')
    with op.batch_alter_table('afternoon_groups', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_afternoon_groups_workshop_id'))
    op.drop_table('afternoon_groups')
