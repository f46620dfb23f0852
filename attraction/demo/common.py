"""Shared by the attraction demo data: the two parks and the million."""

from decimal import Decimal

M = Decimal("1000000")
FURNITURE_PARK = "Sansui–Foshan Co-built Industrial Park"
APPLIANCE_PARK = "Foshan–Qiandongnan Industrial Park"
