"""governor: follow an existing on-chain Governor (attachment, proposals, votes, events, block hashes)

Revision ID: 0007
Revises: 0005
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

from governance.adapters.sql.types import UTCDateTime  # noqa: F401

revision = '0007'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('governor',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('community_id', sa.BigInteger(), nullable=False),
    sa.Column('chain_id', sa.BigInteger(), nullable=False),
    sa.Column('genesis_hash', sqlmodel.sql.sqltypes.AutoString(length=66), nullable=False),
    sa.Column('address', sqlmodel.sql.sqltypes.AutoString(length=42), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('version', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=True),
    sa.Column('token_address', sqlmodel.sql.sqltypes.AutoString(length=42), nullable=False),
    sa.Column('token_name', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('token_symbol', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('token_decimals', sa.Integer(), nullable=False),
    sa.Column('clock_mode', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('timelock_address', sqlmodel.sql.sqltypes.AutoString(length=42), nullable=True),
    sa.Column('timelock_delay', sa.BigInteger(), nullable=True),
    sa.Column('voting_delay', sa.BigInteger(), nullable=False),
    sa.Column('voting_period', sa.BigInteger(), nullable=False),
    sa.Column('proposal_threshold', sqlmodel.sql.sqltypes.AutoString(length=78), nullable=False),
    sa.Column('counting_mode', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('ballot_typehash', sqlmodel.sql.sqltypes.AutoString(length=66), nullable=False),
    sa.Column('eip712_domain', sa.JSON(), nullable=True),
    sa.Column('start_block', sa.BigInteger(), nullable=False),
    sa.Column('cursor_block', sa.BigInteger(), nullable=False),
    sa.Column('attached_at', UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['community_id'], ['community.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('community_id')
    )
    op.create_table('governor_block',
    sa.Column('governor_id', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('number', sa.BigInteger(), autoincrement=False, nullable=False),
    sa.Column('hash', sqlmodel.sql.sqltypes.AutoString(length=66), nullable=False),
    sa.ForeignKeyConstraint(['governor_id'], ['governor.id'], ),
    sa.PrimaryKeyConstraint('governor_id', 'number')
    )
    op.create_table('governor_event',
    sa.Column('governor_id', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('block_number', sa.BigInteger(), autoincrement=False, nullable=False),
    sa.Column('log_index', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('proposal_id', sqlmodel.sql.sqltypes.AutoString(length=78), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
    sa.Column('eta', sa.BigInteger(), nullable=True),
    sa.Column('tx_hash', sqlmodel.sql.sqltypes.AutoString(length=66), nullable=False),
    sa.Column('at', UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['governor_id'], ['governor.id'], ),
    sa.PrimaryKeyConstraint('governor_id', 'block_number', 'log_index')
    )
    with op.batch_alter_table('governor_event', schema=None) as batch_op:
        batch_op.create_index('ix_governor_event_at', ['governor_id', 'at'], unique=False)

    op.create_table('governor_proposal',
    sa.Column('governor_id', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('proposal_id', sqlmodel.sql.sqltypes.AutoString(length=78), nullable=False),
    sa.Column('proposer', sqlmodel.sql.sqltypes.AutoString(length=42), nullable=False),
    sa.Column('targets', sa.JSON(), nullable=False),
    sa.Column('values', sa.JSON(), nullable=False),
    sa.Column('calldatas', sa.JSON(), nullable=False),
    sa.Column('signatures', sa.JSON(), nullable=False),
    sa.Column('description', sa.LargeBinary(), nullable=False),
    sa.Column('description_hash', sqlmodel.sql.sqltypes.AutoString(length=66), nullable=False),
    sa.Column('id_matches', sa.Boolean(), nullable=False),
    sa.Column('vote_start', sa.BigInteger(), nullable=False),
    sa.Column('vote_end', sa.BigInteger(), nullable=False),
    sa.Column('decoded_calls', sa.JSON(), nullable=False),
    sa.Column('findings', sa.JSON(), nullable=False),
    sa.Column('block_number', sa.BigInteger(), nullable=False),
    sa.Column('log_index', sa.Integer(), nullable=False),
    sa.Column('tx_hash', sqlmodel.sql.sqltypes.AutoString(length=66), nullable=False),
    sa.Column('created_at', UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['governor_id'], ['governor.id'], ),
    sa.PrimaryKeyConstraint('governor_id', 'proposal_id')
    )
    with op.batch_alter_table('governor_proposal', schema=None) as batch_op:
        batch_op.create_index('ix_governor_proposal_created', ['governor_id', 'block_number'], unique=False)

    op.create_table('governor_vote',
    sa.Column('governor_id', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('block_number', sa.BigInteger(), autoincrement=False, nullable=False),
    sa.Column('log_index', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('proposal_id', sqlmodel.sql.sqltypes.AutoString(length=78), nullable=False),
    sa.Column('voter', sqlmodel.sql.sqltypes.AutoString(length=42), nullable=False),
    sa.Column('support', sa.Integer(), nullable=False),
    sa.Column('weight', sqlmodel.sql.sqltypes.AutoString(length=78), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('params', sa.Text(), nullable=True),
    sa.Column('tx_hash', sqlmodel.sql.sqltypes.AutoString(length=66), nullable=False),
    sa.Column('cast_at', UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['governor_id'], ['governor.id'], ),
    sa.PrimaryKeyConstraint('governor_id', 'block_number', 'log_index')
    )
    with op.batch_alter_table('governor_vote', schema=None) as batch_op:
        batch_op.create_index('ix_governor_vote_proposal', ['governor_id', 'proposal_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('governor_vote', schema=None) as batch_op:
        batch_op.drop_index('ix_governor_vote_proposal')

    op.drop_table('governor_vote')
    with op.batch_alter_table('governor_proposal', schema=None) as batch_op:
        batch_op.drop_index('ix_governor_proposal_created')

    op.drop_table('governor_proposal')
    with op.batch_alter_table('governor_event', schema=None) as batch_op:
        batch_op.drop_index('ix_governor_event_at')

    op.drop_table('governor_event')
    op.drop_table('governor_block')
    op.drop_table('governor')
