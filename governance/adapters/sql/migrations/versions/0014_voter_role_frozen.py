"""the voter role frozen on each proposal at publish, like its quorum and threshold

Revision ID: 0014
Revises: 0013
"""

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None

# Proposals published before this migration take the community's voter role of today: the best
# record there is of the role they were published under.
_FREEZE_PUBLISHED = """
UPDATE proposal SET eligible_role_id = (
    SELECT community.eligible_role_id FROM community WHERE community.id = proposal.community_id)
WHERE published_at IS NOT NULL
"""


def upgrade() -> None:
    with op.batch_alter_table('proposal', schema=None) as batch_op:
        batch_op.add_column(sa.Column('eligible_role_id', sa.BigInteger(), nullable=True))
    op.execute(_FREEZE_PUBLISHED)


def downgrade() -> None:
    with op.batch_alter_table('proposal', schema=None) as batch_op:
        batch_op.drop_column('eligible_role_id')
