"""chain tables

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

from governance.adapters.sql.types import UTCDateTime  # noqa: F401

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('chain_cursor',
    sa.Column('address', sqlmodel.sql.sqltypes.AutoString(length=42), nullable=False),
    sa.Column('block_number', sa.BigInteger(), nullable=False),
    sa.PrimaryKeyConstraint('address')
    )
    op.create_table('chain_tx',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('community_id', sa.BigInteger(), nullable=True),
    sa.Column('purpose', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('sender', sqlmodel.sql.sqltypes.AutoString(length=42), nullable=False),
    sa.Column('nonce', sa.Integer(), nullable=False),
    sa.Column('tx_hash', sqlmodel.sql.sqltypes.AutoString(length=66), nullable=False),
    sa.Column('raw', sa.Text(), nullable=False),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
    sa.Column('block_number', sa.BigInteger(), nullable=True),
    sa.Column('gas_used', sa.Integer(), nullable=True),
    sa.Column('error', sa.Text(), nullable=True),
    sa.Column('created_at', UTCDateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('sender', 'nonce'),
    sa.UniqueConstraint('tx_hash')
    )
    with op.batch_alter_table('chain_tx', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_chain_tx_status'), ['status'], unique=False)

    op.create_table('chain_voter',
    sa.Column('community_id', sa.BigInteger(), autoincrement=False, nullable=False),
    sa.Column('voter', sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
    sa.Column('voter_id', sqlmodel.sql.sqltypes.AutoString(length=66), nullable=False),
    sa.Column('voter_index', sa.Integer(), nullable=True),
    sa.PrimaryKeyConstraint('community_id', 'voter'),
    sa.UniqueConstraint('community_id', 'voter_id')
    )
    op.create_table('ledger_deployment',
    sa.Column('community_id', sa.BigInteger(), autoincrement=False, nullable=False),
    sa.Column('chain_id', sa.BigInteger(), nullable=False),
    sa.Column('genesis_hash', sqlmodel.sql.sqltypes.AutoString(length=66), nullable=False),
    sa.Column('address', sqlmodel.sql.sqltypes.AutoString(length=42), nullable=False),
    sa.Column('salt', sqlmodel.sql.sqltypes.AutoString(length=66), nullable=False),
    sa.Column('deployed_block', sa.BigInteger(), nullable=False),
    sa.Column('deployed_at', UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['community_id'], ['community.id'], ),
    sa.PrimaryKeyConstraint('community_id')
    )
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.add_column(sa.Column('tx_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_outbox_tx_id'), ['tx_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_outbox_tx_id'))
        batch_op.drop_column('tx_id')

    op.drop_table('ledger_deployment')
    op.drop_table('chain_voter')
    with op.batch_alter_table('chain_tx', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_chain_tx_status'))

    op.drop_table('chain_tx')
    op.drop_table('chain_cursor')
