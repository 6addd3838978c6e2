"""scheduler: run ledger, reminder opt-ins, APScheduler job store

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

from governance.adapters.sql.types import UTCDateTime

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('reminder_opt_in',
    sa.Column('community_id', sa.BigInteger(), autoincrement=False, nullable=False),
    sa.Column('member_id', sa.BigInteger(), autoincrement=False, nullable=False),
    sa.Column('opted_in_at', UTCDateTime(), nullable=False),
    sa.PrimaryKeyConstraint('community_id', 'member_id')
    )
    op.create_table('schedule_run',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('community_id', sa.BigInteger(), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('subject', sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
    sa.Column('scheduled_for', UTCDateTime(), nullable=False),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
    sa.Column('claimed_by', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
    sa.Column('claimed_at', UTCDateTime(), nullable=False),
    sa.Column('finished_at', UTCDateTime(), nullable=True),
    sa.Column('detail', sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('community_id', 'kind', 'subject', 'scheduled_for', name='uq_schedule_run_key')
    )
    with op.batch_alter_table('schedule_run', schema=None) as batch_op:
        batch_op.create_index('ix_schedule_run_community_kind', ['community_id', 'kind', 'scheduled_for'],
                              unique=False)

    # APScheduler's SQLAlchemyJobStore table, with its exact columns (it would otherwise create it itself)
    op.create_table('scheduler_job',
    sa.Column('id', sa.Unicode(length=191), nullable=False),
    sa.Column('next_run_time', sa.Float(precision=25), nullable=True),
    sa.Column('job_state', sa.LargeBinary(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('scheduler_job', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_scheduler_job_next_run_time'), ['next_run_time'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('scheduler_job', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_scheduler_job_next_run_time'))
    op.drop_table('scheduler_job')
    with op.batch_alter_table('schedule_run', schema=None) as batch_op:
        batch_op.drop_index('ix_schedule_run_community_kind')
    op.drop_table('schedule_run')
    op.drop_table('reminder_opt_in')
