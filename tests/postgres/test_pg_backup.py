"""On PostgreSQL: `flask backup` (pg_dump) and `flask restore-backup` (pg_restore --clean), the
README's production backup, run against the throwaway server."""
from __future__ import annotations

import pytest

from tests.integration.test_backup import backup_then_restore

pytestmark = pytest.mark.postgres


def test_backup_and_restore_on_postgresql(app, tmp_path):
    backup_then_restore(app, tmp_path)
