"""Creating the cache tables CACHES names (shared by core's migrations)."""

from django.core.management import call_command


def create(apps, schema_editor) -> None:
    # No names: a name given to createcachetable is a table name, not an alias.
    call_command(
        "createcachetable", database=schema_editor.connection.alias, verbosity=0
    )
