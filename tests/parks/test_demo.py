"""The parks demo data: realistic, deterministic and safe to load twice."""

from core.demo import seed_users
from parks.demo import seed_admissions, seed_operators, seed_parks
from parks.models import AdmissionApplication, Park, Unit
from tenants.demo import seed_companies


def test_seed_twice_gives_the_same_inventory(db):
    for _ in range(2):
        users = seed_users()
        seed_companies(users)
        seed_operators(users)
        seed_parks(users)
        seed_admissions(users)
    assert Park.objects.count() == 3
    assert 180 <= Unit.objects.count() <= 220
    assert set(AdmissionApplication.objects.values_list("status", flat=True)) == {
        "approved",
        "submitted",
    }
    for unit in Unit.objects.filter(building__kind="standard_factory"):
        assert 300 <= unit.area_m2 <= 3000
        assert unit.monthly_rent_per_m2 is None or 8 <= unit.monthly_rent_per_m2 <= 18
        assert unit.sale_price_per_m2 is None or (
            2800 <= unit.sale_price_per_m2 <= 4500
        )
    for park in Park.objects.all():
        park.full_clean()  # the 1+N rule holds
