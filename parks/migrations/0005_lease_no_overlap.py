"""No double-letting, held by PostgreSQL: an exclusion constraint over the unit
and the lease's inclusive date range, for leases that hold the unit.

SQLite has no exclusion constraints; there the lease action checks for overlap
under a lock. The operation is a no-op on any other database vendor.
"""

from django.db import migrations

CONSTRAINT_SQL = """
ALTER TABLE parks_lease ADD CONSTRAINT lease_no_overlap
EXCLUDE USING gist (
    unit_id WITH =,
    daterange(start_date, end_date, '[]') WITH &&
) WHERE (status IN ('approved', 'active'))
"""


def add_constraint(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS btree_gist")
    schema_editor.execute(CONSTRAINT_SQL)


def drop_constraint(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        "ALTER TABLE parks_lease DROP CONSTRAINT IF EXISTS lease_no_overlap"
    )


class Migration(migrations.Migration):
    dependencies = [
        ("parks", "0004_admissionapplication"),
    ]

    operations = [
        migrations.RunPython(add_constraint, drop_constraint, elidable=False),
    ]
