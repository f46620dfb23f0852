"""The database table of the `throttle` cache (login and sign-up counts shared by
every worker). Nothing is created when the throttle cache is Redis.

`createcachetable` is called without names: a name given to it is a table name,
not a cache alias (it once created a table called "throttle" and the login page
failed on a fresh `make run`; tests did not see it because Django's test runner
creates the cache tables itself)."""

from django.db import migrations

from core.migrations import _cache_tables


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]

    operations = [migrations.RunPython(_cache_tables.create, migrations.RunPython.noop)]
