"""The enclave report as files for both governments: bilingual PDF and Excel."""

from __future__ import annotations

from io import BytesIO
from typing import Any

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.styles import Font

from core.pdf import pdf_response, render_pdf
from governance.models import Commitment

BOLD = Font(bold=True)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
STATUSES = [
    (Commitment.Status.HONOURED, "Honoured 已兑现"),
    (Commitment.Status.BREACHED, "Breached 未兑现"),
    (Commitment.Status.WAIVED, "Waived 已豁免"),
    (Commitment.Status.DUE, "Due 到期待确认"),
    (Commitment.Status.PENDING, "Pending 未到期"),
]


def commitment_rows(report: dict[str, Any]) -> list[tuple[str, int, int]]:
    counts = report["commitments"]
    return [
        (label, counts.get(("park", s), 0), counts.get(("tenant", s), 0))
        for s, label in STATUSES
    ]


def report_pdf(report: dict[str, Any]) -> bytes:
    return render_pdf(
        "governance/enclave_report_pdf.html",
        {"r": report, "commitment_rows": commitment_rows(report)},
    )


def report_xlsx(report: dict[str, Any]) -> bytes:
    ledger = report["ledger"]
    book = Workbook()
    summary = book.active
    summary.title = "Summary 汇总"
    rows = [
        ("Park 园区", report["park"].name, report["park"].name_zh),
        ("Year 年度", report["year"], ""),
        ("Host region 承接地", report["host_region"], ""),
        ("Partner region 合作地", report["partner_region"], ""),
        (
            "Firms landed from the partner city 合作地落地企业",
            report["partner_firm_count"],
            "",
        ),
        ("Investment (CNY) 投资额", report["investment_total"], ""),
        ("Jobs 就业人数", report["jobs_total"], ""),
        ("Output total (CNY) 产值合计", ledger.output.total, ""),
        ("Output to host 承接地产值", ledger.output.host, ""),
        ("Output to partner 合作地产值", ledger.output.partner, ""),
        ("Tax total (CNY) 税收合计", ledger.tax.total, ""),
        ("Tax to host 承接地税收", ledger.tax.host, ""),
        ("Tax to partner 合作地税收", ledger.tax.partner, ""),
        ("Open concerns 未答复诉求", report["open_concerns"], ""),
    ]
    for row in rows:
        summary.append(list(row))
    summary.append([])
    summary.append(
        ["Split from 分成起始", "Output host % 产值承接地%", "Tax host % 税收承接地%"]
    )
    for s in report["schedule"]:
        start = "" if s.starts_on.year == 1 else s.starts_on.isoformat()
        summary.append([start, s.output_host_percent, s.tax_host_percent])
    summary.append([])
    summary.append(["Commitments 承诺", "Park side 园区方", "Tenant side 企业方"])
    for row in commitment_rows(report):
        summary.append(list(row))
    summary.append([])
    summary.append(
        [
            "Service SLA 服务时效",
            "On time 按时",
            "Late 超时",
            "Open 办理中",
            "Median working days 中位工作日",
        ]
    )
    for s in report["sla"]:
        summary.append([s.label, s.on_time, s.late, s.open, s.median_working_days])
    summary.column_dimensions["A"].width = 48
    for cell in summary["A"]:
        cell.font = BOLD
    firms = book.create_sheet("Firms 企业")
    header = [
        "Company 企业",
        "USCC 统一社会信用代码",
        "From partner city 合作地落地",
        "Investment 投资额",
        "Jobs 就业",
        "Output 产值",
        "Output host 承接地",
        "Output partner 合作地",
        "Tax 税收",
        "Tax host 承接地",
        "Tax partner 合作地",
    ]
    firms.append(header)
    for cell in firms[1]:
        cell.font = BOLD
    for c in report["companies"]:
        firms.append(
            [
                c["name"],
                c["uscc"],
                "yes 是" if c["from_partner"] else "no 否",
                c["investment"],
                c["jobs"],
                c["output_total"],
                c["output_host"],
                c["output_partner"],
                c["tax_total"],
                c["tax_host"],
                c["tax_partner"],
            ]
        )
    firms.append(
        [
            "Total 合计",
            "",
            "",
            report["investment_total"],
            report["jobs_total"],
            ledger.output.total,
            ledger.output.host,
            ledger.output.partner,
            ledger.tax.total,
            ledger.tax.host,
            ledger.tax.partner,
        ]
    )
    for row in firms.iter_rows(min_row=2, min_col=4):
        for cell in row:
            if cell.column >= 6 or cell.column == 4:
                cell.number_format = "#,##0.00"
    firms.column_dimensions["A"].width = 40
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def report_download(report: dict[str, Any], kind: str) -> HttpResponse:
    """The report as an attachment: `kind` is "pdf" or "xlsx"."""
    name = f"enclave-report-{report['park'].pk}-{report['year']}.{kind}"
    if kind == "pdf":
        return pdf_response(report_pdf(report), name, inline=False)
    response = HttpResponse(report_xlsx(report), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response
