"""Demo partner banks with maker and checker staff."""

from __future__ import annotations

from core.models import User
from finance.models import Bank, BankRole, BankStaff

DEMO_BANKS = [
    (
        "Guizhou Rural Commercial Bank, Kaili Branch",
        "贵州农村商业银行凯里分行",
        [
            ("maker@example.com", BankRole.MAKER),
            ("checker@example.com", BankRole.CHECKER),
        ],
    ),
    (
        "Foshan Shunde Rural Commercial Bank",
        "佛山顺德农村商业银行",
        [
            ("bank2@example.com", BankRole.MAKER),
            ("bank2@example.com", BankRole.CHECKER),
        ],
    ),
]


def seed_banks(users: dict[str, User]) -> list[Bank]:
    banks = []
    for name, name_zh, staff in DEMO_BANKS:
        bank, _ = Bank.objects.update_or_create(
            name=name, defaults={"name_zh": name_zh}
        )
        for email, role in staff:
            BankStaff.objects.get_or_create(bank=bank, user=users[email], role=role)
        banks.append(bank)
    return banks
