"""wallet page: one-time links, each recorded when used

Revision ID: 0013
Revises: 0012
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

from governance.adapters.sql.types import UTCDateTime

revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('used_link',
    sa.Column('token_id', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('community_id', sa.BigInteger(), nullable=False),
    sa.Column('member', sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
    sa.Column('purpose', sqlmodel.sql.sqltypes.AutoString(length=12), nullable=False),
    sa.Column('used_at', UTCDateTime(), nullable=False),
    sa.PrimaryKeyConstraint('token_id')
    )


def downgrade() -> None:
    op.drop_table('used_link')
