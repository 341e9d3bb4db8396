"""The shared address book's personal links (issue 10, point 3): one hashed secret per
participant and channel (mail, handout), with expiry, revocation and the mail's outcome.

Revision ID: a3d5b7c9e1f0
Revises: 4bf650be46b1
Create Date: 2026-12-01 09:00:00
"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'a3d5b7c9e1f0'
down_revision = '4bf650be46b1'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('address_book_links',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('workshop_id', sa.Integer(), nullable=False),
    sa.Column('participant_id', sa.Integer(), nullable=False),
    sa.Column('channel', sa.String(length=10), nullable=False),
    sa.Column('token', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('mail_status', sa.String(length=20), nullable=True),
    sa.Column('revoked_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['participant_id'], ['participants.id'], name=op.f('fk_address_book_links_participant_id_participants')),
    sa.ForeignKeyConstraint(['workshop_id'], ['workshops.id'], name=op.f('fk_address_book_links_workshop_id_workshops')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_address_book_links')),
    sa.UniqueConstraint('token', name=op.f('uq_address_book_links_token'))
    )
    with op.batch_alter_table('address_book_links', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_address_book_links_participant_id'), ['participant_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_address_book_links_workshop_id'), ['workshop_id'], unique=False)


def downgrade():
    with op.batch_alter_table('address_book_links', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_address_book_links_workshop_id'))
        batch_op.drop_index(batch_op.f('ix_address_book_links_participant_id'))
    op.drop_table('address_book_links')
