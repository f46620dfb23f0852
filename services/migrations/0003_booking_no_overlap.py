"""No double-booking, held by PostgreSQL: an exclusion constraint over the staff
member and the booking's half-open time range, for bookings that hold the slot.

SQLite has no exclusion constraints; there the booking action checks for
overlap under a lock. The operation is a no-op on any other database vendor.
"""

from django.db import migrations

CONSTRAINT_SQL = """
ALTER TABLE services_booking ADD CONSTRAINT booking_no_overlap
EXCLUDE USING gist (
    staff_id WITH =,
    tstzrange(starts_at, ends_at, '[)') WITH &&
) WHERE (status NOT IN ('declined', 'cancelled'))
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
        "ALTER TABLE services_booking DROP CONSTRAINT IF EXISTS booking_no_overlap"
    )


class Migration(migrations.Migration):
    dependencies = [
        ("services", "0002_marketplace"),
    ]

    operations = [
        migrations.RunPython(add_constraint, drop_constraint, elidable=False),
    ]
