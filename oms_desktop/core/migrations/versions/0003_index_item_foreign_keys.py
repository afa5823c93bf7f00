"""Index the foreign keys that every package list and packing reads by.

Without them, counting a package's items and loading an order's items scan the whole
item tables: with 100,000 packages that cost about 10 ms per packing on SQLite and
2.4 s for the window's first page.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-04 21:50:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_package_item_package_id", "package_item", ["package_id"])
    op.create_index("ix_oms_order_item_order_id", "oms_order_item", ["order_id"])


def downgrade() -> None:
    op.drop_index("ix_oms_order_item_order_id", table_name="oms_order_item")
    op.drop_index("ix_package_item_package_id", table_name="package_item")
