"""Finance reads that are more than a scoped queryset, one module per concern."""
