"""ai provenance

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

from governance.adapters.sql.types import UTCDateTime  # noqa: F401

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('ai_output',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('input_hash', sqlmodel.sql.sqltypes.AutoString(length=66), nullable=False),
    sa.Column('template_hash', sqlmodel.sql.sqltypes.AutoString(length=66), nullable=False),
    sa.Column('model', sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
    sa.Column('task', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('result', sa.Text(), nullable=False),
    sa.Column('record_hash', sqlmodel.sql.sqltypes.AutoString(length=66), nullable=False),
    sa.Column('created_at', UTCDateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('input_hash', 'template_hash', 'model')
    )
    op.create_table('provenance',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('record_hash', sqlmodel.sql.sqltypes.AutoString(length=66), nullable=False),
    sa.Column('task', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('canonical', sa.Text(), nullable=False),
    sa.Column('community_id', sa.BigInteger(), nullable=True),
    sa.Column('anchor_id', sa.Integer(), nullable=True),
    sa.Column('created_at', UTCDateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('record_hash')
    )
    with op.batch_alter_table('provenance', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_provenance_anchor_id'), ['anchor_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_provenance_community_id'), ['community_id'], unique=False)

    op.create_table('provenance_anchor',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('community_id', sa.BigInteger(), nullable=False),
    sa.Column('root', sqlmodel.sql.sqltypes.AutoString(length=66), nullable=False),
    sa.Column('record_count', sa.Integer(), nullable=False),
    sa.Column('created_at', UTCDateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('root')
    )


def downgrade() -> None:
    op.drop_table('provenance_anchor')
    with op.batch_alter_table('provenance', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_provenance_community_id'))
        batch_op.drop_index(batch_op.f('ix_provenance_anchor_id'))

    op.drop_table('provenance')
    op.drop_table('ai_output')
