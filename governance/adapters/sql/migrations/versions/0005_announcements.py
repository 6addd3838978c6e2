"""announcements

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

from governance.adapters.sql.types import UTCDateTime  # noqa: F401

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('announcement',
    sa.Column('proposal_id', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('channel_id', sa.BigInteger(), nullable=False),
    sa.Column('message_id', sa.BigInteger(), nullable=False),
    sa.Column('posted_at', UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['proposal_id'], ['proposal.id'], ),
    sa.PrimaryKeyConstraint('proposal_id')
    )


def downgrade() -> None:
    op.drop_table('announcement')
