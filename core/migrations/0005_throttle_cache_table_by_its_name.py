"""Databases migrated before 0002 was corrected have a table called "throttle"
instead of the cache's own table: create the configured one (nothing happens
where it exists, or when the throttle cache is Redis)."""

from django.db import migrations

from core.migrations import _cache_tables


class Migration(migrations.Migration):
    dependencies = [("core", "0004_user_two_factor_rule_changed_at")]

    operations = [
        migrations.RunPython(_cache_tables.create, migrations.RunPython.noop)
    ]
