"""Demo service providers in two categories."""

from __future__ import annotations

from core.models import User
from services.models import Category, Provider, ProviderStaff

DEMO_PROVIDERS = [
    (
        "Qianfo HR Services",
        "黔佛人力资源服务有限公司",
        Category.HR,
        "provider@example.com",
    ),
    (
        "Lingnan Permit Agency",
        "岭南行政审批代办服务中心",
        Category.PERMIT_AGENCY,
        "provider2@example.com",
    ),
]


def seed_providers(users: dict[str, User]) -> list[Provider]:
    providers = []
    for name, name_zh, category, email in DEMO_PROVIDERS:
        provider, _ = Provider.objects.update_or_create(
            name=name, defaults={"name_zh": name_zh, "category": category}
        )
        ProviderStaff.objects.get_or_create(provider=provider, user=users[email])
        providers.append(provider)
    return providers
