"""Demo services: a provider per category listed in every demo park, offerings
with weekday availability, past completed and reviewed bookings, a booking to
confirm, and an open permit case with one overdue step. Safe to run again."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

from core.models import User
from parks.models import AdmissionApplication, Park
from parks.workdays import add_working_days, is_working_day
from services.models import (
    Availability,
    Booking,
    Case,
    CaseStep,
    Category,
    Listing,
    Offering,
    Provider,
    ProviderStaff,
    Review,
)
from services.permits import STEP_TEMPLATES, PermitType

DEMO_PROVIDERS = [
    (
        "Qianfo HR Services",
        "黔佛人力资源服务有限公司",
        Category.HR,
        "provider@example.com",
        "QFHR",
    ),
    (
        "Lingnan Permit Agency",
        "岭南行政审批代办服务中心",
        Category.PERMIT_AGENCY,
        "provider2@example.com",
        "LNPA",
    ),
    (
        "Tianyuan Law & Tax",
        "天元律师税务事务所",
        Category.LEGAL_TAX,
        "provider3@example.com",
        "TYLT",
    ),
    (
        "Foshan Lean Consulting",
        "佛山精益管理咨询有限公司",
        Category.CONSULTING,
        "provider4@example.com",
        "FSLC",
    ),
]

# (category, English name, Chinese name, English description, price or None, minutes,
#  delivery)
DEMO_OFFERINGS = [
    (
        Category.HR,
        "Recruitment drive for production staff",
        "生产一线员工招聘专场",
        "A one-day recruitment drive with local labour bureaus.",
        Decimal("6800"),
        120,
        "on_site",
    ),
    (
        Category.HR,
        "Labour contract and social insurance check",
        "劳动合同与社保合规检查",
        "Contracts, social insurance and housing fund reviewed.",
        Decimal("2400"),
        60,
        "remote",
    ),
    (
        Category.PERMIT_AGENCY,
        "One-stop permit agency",
        "行政审批一站式代办",
        "We file and follow your permit with every window, step by step.",
        None,
        60,
        "on_site",
    ),
    (
        Category.LEGAL_TAX,
        "Tax health check",
        "税务健康检查",
        "VAT, corporate income tax and the enclave tax split reviewed.",
        Decimal("1800"),
        60,
        "on_site",
    ),
    (
        Category.LEGAL_TAX,
        "Contract review",
        "合同审查",
        "Supply, lease or loan contracts reviewed by a lawyer.",
        None,
        60,
        "remote",
    ),
    (
        Category.CONSULTING,
        "Lean production diagnosis",
        "精益生产诊断",
        "A day on your shop floor and a plan to cut waste.",
        Decimal("9800"),
        240,
        "on_site",
    ),
]

WINDOWS = ((time(9, 0), time(12, 0)), (time(14, 0), time(17, 30)))


def _at(day: date, hour: int) -> datetime:
    return datetime.combine(day, time(hour), timezone.get_current_timezone())


def _working_day_back(today: date, n: int) -> date:
    day = today
    while n:
        day -= timedelta(days=1)
        if is_working_day(day):
            n -= 1
    return day


def seed_providers(users: dict[str, User]) -> list[Provider]:
    providers = []
    parks = list(Park.objects.order_by("pk"))
    for name, name_zh, category, email, prefix in DEMO_PROVIDERS:
        provider, _ = Provider.objects.update_or_create(
            name=name,
            defaults={
                "name_zh": name_zh,
                "category": category,
                "invoice_prefix": prefix,
                "payee_name": name_zh,
                "payee_bank": "Guizhou Rural Commercial Bank",
                "payee_account": f"6228 0000 {len(providers) + 1:04d} 8888",
            },
        )
        staff, _ = ProviderStaff.objects.get_or_create(
            provider=provider, user=users[email]
        )
        for weekday in range(5):
            for start, end in WINDOWS:
                Availability.objects.get_or_create(
                    staff=staff, weekday=weekday, start_time=start, end_time=end
                )
        for park in parks:
            Listing.objects.update_or_create(
                provider=provider,
                park=park,
                defaults={"status": Listing.Status.APPROVED},
            )
        providers.append(provider)
    by_category = {p.category: p for p in providers}
    for category, en, zh, desc, price, minutes, delivery in DEMO_OFFERINGS:
        Offering.objects.update_or_create(
            provider=by_category[category],
            name_en=en,
            defaults={
                "name_zh": zh,
                "description_en": desc,
                "pricing": "fixed" if price else "quote",
                "price": price,
                "duration_minutes": minutes,
                "delivery": delivery,
            },
        )
    seed_bookings(users)
    return providers


def _booking(key: str, offering: Offering, company, park, starts_at, status, user):
    staff = offering.provider.staff.order_by("pk").first()
    booking, _ = Booking.objects.update_or_create(
        offering=offering,
        company=company,
        notes=key,
        defaults={
            "staff": staff,
            "park": park,
            "starts_at": starts_at,
            "ends_at": starts_at + timedelta(minutes=offering.duration_minutes),
            "status": status,
            "price": offering.price,
            "created_by": user,
        },
    )
    return booking


def seed_bookings(users: dict[str, User]) -> None:
    admission = (
        AdmissionApplication.objects.filter(
            status=AdmissionApplication.Status.APPROVED,
            company__memberships__user=users["tenant@example.com"],
        )
        .select_related("company", "park")
        .first()
    )
    if admission is None:
        return
    company, park, user = admission.company, admission.park, users["tenant@example.com"]
    today = timezone.localdate()
    tax = Offering.objects.get(name_en="Tax health check")
    hr = Offering.objects.get(name_en="Labour contract and social insurance check")
    permit = Offering.objects.get(name_en="One-stop permit agency")
    for key, offering, back, rating, comment in (
        (
            "Year-end VAT questions",
            tax,
            20,
            5,
            "Clear advice on the enclave tax split.",
        ),
        ("Social insurance audit", hr, 12, 4, "Thorough; the report came a day late."),
    ):
        booking = _booking(
            key,
            offering,
            company,
            park,
            _at(_working_day_back(today, back), 10),
            Booking.Status.REVIEWED,
            user,
        )
        Review.objects.update_or_create(
            booking=booking,
            defaults={
                "rating": rating,
                "comment": comment,
                "reply": "谢谢！Thank you." if rating == 5 else "",
                "replied_at": timezone.now() if rating == 5 else None,
            },
        )
    next_day = add_working_days(today, 2)
    _booking(
        "Review of our new supply contract with a Foshan customer",
        tax,
        company,
        park,
        _at(next_day, 10),
        Booking.Status.REQUESTED,
        user,
    )
    # An open permit case opened 12 working days ago: documents supplied, the
    # agency's filing step past its SLA.
    opened = _working_day_back(today, 12)
    booking = _booking(
        "Pollutant discharge permit for the new moulding line",
        permit,
        company,
        park,
        _at(opened, 10),
        Booking.Status.IN_PROGRESS,
        user,
    )
    case, _ = Case.objects.update_or_create(
        booking=booking,
        defaults={
            "permit_type": PermitType.POLLUTANT_DISCHARGE_PERMIT,
            "opened_on": opened,
            "status": Case.Status.OPEN,
        },
    )
    due = opened
    for position, template in enumerate(
        STEP_TEMPLATES[PermitType.POLLUTANT_DISCHARGE_PERMIT], start=1
    ):
        due = add_working_days(due, template.sla_days)
        done = position == 1
        CaseStep.objects.update_or_create(
            case=case,
            key=template.key,
            defaults={
                "position": position,
                "title_en": template.title_en,
                "title_zh": template.title_zh,
                "owner": template.owner,
                "sla_days": template.sla_days,
                "due_on": due,
                "status": CaseStep.Status.DONE
                if done
                else CaseStep.Status.IN_PROGRESS
                if position == 2
                else CaseStep.Status.PENDING,
                "completed_on": due if done else None,
            },
        )
