"""Demo park operators and their staff."""

from __future__ import annotations

from core.models import User
from parks.models import Operator, OperatorRole, OperatorStaff

DEMO_OPERATORS = [
    (
        "Foshan–Qiandongnan Co-built Park Operations Co.",
        "佛山—黔东南共建园区运营有限公司",
        "operator@example.com",
    ),
    (
        "Guangzhou–Bijie Enclave Park Development Co.",
        "广州—毕节飞地园区开发有限公司",
        "operator2@example.com",
    ),
]


def seed_operators(users: dict[str, User]) -> list[Operator]:
    operators = []
    for name, name_zh, email in DEMO_OPERATORS:
        operator, _ = Operator.objects.update_or_create(
            name=name, defaults={"name_zh": name_zh}
        )
        OperatorStaff.objects.get_or_create(
            operator=operator,
            user=users[email],
            defaults={"role": OperatorRole.MANAGER},
        )
        operators.append(operator)
    return operators
