"""governor in Discord: a short number per followed proposal, where proposals are announced, and
where each was

Revision ID: 0012
Revises: 0007
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

from governance.adapters.sql.types import UTCDateTime  # noqa: F401

revision = '0012'
down_revision = '0007'
branch_labels = None
depends_on = None

# Proposals indexed before this migration are numbered in the order the Governor created them.
_NUMBER_EXISTING = """
UPDATE governor_proposal SET number = (
    SELECT COUNT(*) FROM governor_proposal AS earlier
    WHERE earlier.governor_id = governor_proposal.governor_id
      AND (earlier.block_number < governor_proposal.block_number
           OR (earlier.block_number = governor_proposal.block_number
               AND earlier.log_index <= governor_proposal.log_index)))
"""


def upgrade() -> None:
    with op.batch_alter_table('governor', schema=None) as batch_op:
        batch_op.add_column(sa.Column('channel_id', sa.BigInteger(), nullable=True))
    with op.batch_alter_table('governor_proposal', schema=None) as batch_op:
        batch_op.add_column(sa.Column('number', sa.BigInteger(), nullable=True))
    op.execute(_NUMBER_EXISTING)
    with op.batch_alter_table('governor_proposal', schema=None) as batch_op:
        batch_op.alter_column('number', existing_type=sa.BigInteger(), nullable=False)
        batch_op.create_index('uq_governor_proposal_number', ['governor_id', 'number'], unique=True)

    op.create_table('governor_announcement',
    sa.Column('governor_id', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('proposal_id', sqlmodel.sql.sqltypes.AutoString(length=78), nullable=False),
    sa.Column('channel_id', sa.BigInteger(), nullable=False),
    sa.Column('message_id', sa.BigInteger(), nullable=False),
    sa.Column('state', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
    sa.Column('quorum_reached', sa.Boolean(), nullable=False),
    sa.Column('posted_at', UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['governor_id'], ['governor.id'], ),
    sa.PrimaryKeyConstraint('governor_id', 'proposal_id')
    )


def downgrade() -> None:
    op.drop_table('governor_announcement')
    with op.batch_alter_table('governor_proposal', schema=None) as batch_op:
        batch_op.drop_index('uq_governor_proposal_number')
        batch_op.drop_column('number')
    with op.batch_alter_table('governor', schema=None) as batch_op:
        batch_op.drop_column('channel_id')
