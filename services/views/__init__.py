"""Services pages: the catalogue, bookings and cases, the provider portal and
the operator's listings."""
