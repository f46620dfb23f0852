"""Demo accounts shared by every app's demo data (password `enclave-demo`)."""

from __future__ import annotations

from core.models import User

DEMO_PASSWORD = "enclave-demo"  # noqa: S105 - documented demo password

DEMO_USERS: dict[str, tuple[str, str]] = {
    # email: (full name, what the account is for)
    "admin@example.com": ("Platform Admin 平台管理员", "platform admin"),
    "tenant@example.com": ("Li Wei 李伟", "owner of Qiandongnan Precision Mould Co."),
    "tenant2@example.com": (
        "Chen Jing 陈静",
        "owner of Foshan Lingnan Smart Appliances",
    ),
    "operator@example.com": (
        "Wang Fang 王芳",
        "staff of the Foshan–Qiandongnan park operator",
    ),
    "officer@example.com": (
        "Yang Jun 杨军",
        "investment officer (staff) of the Foshan–Qiandongnan park operator",
    ),
    "operator2@example.com": ("Zhao Lei 赵磊", "staff of the second operator"),
    "maker@example.com": ("Liu Yang 刘洋", "maker at Guizhou Rural Commercial Bank"),
    "checker@example.com": ("Sun Min 孙敏", "checker at Guizhou Rural Commercial Bank"),
    "bank2@example.com": ("Zhou Tao 周涛", "maker at Foshan Shunde Rural Bank"),
    "bank2checker@example.com": ("Wu Jing 吴静", "checker at Foshan Shunde Rural Bank"),
    "provider@example.com": ("Huang Li 黄丽", "staff of Qianfo HR Services"),
    "provider2@example.com": ("Xu Ming 徐明", "staff of Lingnan Permit Agency"),
    "provider3@example.com": ("Tang Yun 唐云", "staff of Tianyuan Law & Tax"),
    "provider4@example.com": ("Feng Hao 冯浩", "staff of Foshan Lean Consulting"),
    "observer@example.com": (
        "Yang Hua 杨华",
        "government observer of Qiandongnan prefecture",
    ),
}


def seed_users() -> dict[str, User]:
    users = {}
    for email, (full_name, _purpose) in DEMO_USERS.items():
        user, created = User.objects.get_or_create(
            email=email, defaults={"full_name": full_name}
        )
        if created or not user.check_password(DEMO_PASSWORD):
            user.set_password(DEMO_PASSWORD)
        user.full_name = full_name
        user.is_staff = user.is_superuser = email == "admin@example.com"
        user.save()
        users[email] = user
    return users
