"""Actors across workshops: actors, the participations they gather, and the organisers'
merges, splits and "not the same person" decisions (issue 12).

Revision ID: f3a9d2c81e70
Revises: cce40493b9a6
Create Date: 2026-12-01 09:00:00
"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'f3a9d2c81e70'
down_revision = 'cce40493b9a6'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'actors',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('merged_into_id', sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(['merged_into_id'], ['actors.id'],
                                name=op.f('fk_actors_merged_into_id_actors')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_actors')))
    op.create_table(
        'actor_links',
        sa.Column('participant_id', sa.Integer(), nullable=False),
        sa.Column('actor_id', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['actor_id'], ['actors.id'],
                                name=op.f('fk_actor_links_actor_id_actors'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['participant_id'], ['participants.id'],
                                name=op.f('fk_actor_links_participant_id_participants'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('participant_id', name=op.f('pk_actor_links')))
    with op.batch_alter_table('actor_links', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_actor_links_actor_id'), ['actor_id'], unique=False)
    op.create_table(
        'actor_changes',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('kind', sa.String(length=10), nullable=False),
        sa.Column('actor_id', sa.Integer(), nullable=False),
        sa.Column('other_id', sa.Integer(), nullable=False),
        sa.Column('participant_ids', sa.JSON(), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('undone_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('undone_by_id', sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(['actor_id'], ['actors.id'],
                                name=op.f('fk_actor_changes_actor_id_actors')),
        sa.ForeignKeyConstraint(['other_id'], ['actors.id'],
                                name=op.f('fk_actor_changes_other_id_actors')),
        sa.ForeignKeyConstraint(['undone_by_id'], ['users.id'],
                                name=op.f('fk_actor_changes_undone_by_id_users'),
                                ondelete='SET NULL'),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'],
                                name=op.f('fk_actor_changes_user_id_users'), ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_actor_changes')))
    with op.batch_alter_table('actor_changes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_actor_changes_actor_id'), ['actor_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_actor_changes_other_id'), ['other_id'], unique=False)


def downgrade():
    op.drop_table('actor_changes')
    op.drop_table('actor_links')
    op.drop_table('actors')
