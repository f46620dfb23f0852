"""Reads that are more than a scoped queryset: queues, dashboards, reports."""
