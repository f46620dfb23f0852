"""Every write of the services app: catalogue, bookings, permit cases."""
