"""Bank statements for reconciliation: read a CSV export of money received and
propose, for each line, the open invoice it pays.

Reading: UTF-8 (with or without BOM) or GBK/GB18030, comma, semicolon or tab
separated, English or the usual Chinese headers (交易日期, 金额, 附言 or 摘要,
付款人). A bad row is reported with its line number; the others still count.

Matching, per line: a reference naming an open invoice's number wins; else an
open invoice whose outstanding amount equals the line's; two or more of either
make the line ambiguous (the operator picks); none leaves it unmatched. Each
line has a key from its content (and its rank among identical lines), so a
statement imported twice is recognised and never pays an invoice twice.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.errors import Invalid
from core.money import money

MAX_BYTES = 512 * 1024
MAX_LINES = 2000
ENCODINGS = ("utf-8-sig", "gb18030")  # GB18030 reads every GBK file

# Column → the headers that name it, most specific first (附言 is the payer's
# message, where an invoice number is written; 摘要 is often just "转账").
HEADERS = {
    "date": ("交易日期", "记账日期", "日期", "date", "transaction date", "value date"),
    "amount": (
        "金额",
        "交易金额",
        "收入金额",
        "贷方金额",
        "amount",
        "credit",
        "credit amount",
    ),
    "reference": (
        "附言",
        "reference",
        "用途",
        "备注",
        "摘要",
        "memo",
        "description",
        "remark",
    ),
    "payer": (
        "付款人",
        "付款人名称",
        "对方户名",
        "对方账户名称",
        "payer",
        "payer name",
        "counterparty",
    ),
}
DATE_FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%Y%m%d", "%Y.%m.%d", "%Y年%m月%d日")
NUMBER_TOKEN = re.compile(r"[A-Z0-9][A-Z0-9\-_/]{4,}")


@dataclass(frozen=True)
class Entry:
    """One statement line of money received."""

    line: int  # in the file, counting the header as line 1
    date: date
    amount: Decimal
    reference: str
    payer: str
    key: str = ""

    def as_json(self) -> dict:
        return {
            "line": self.line,
            "date": self.date.isoformat(),
            "amount": str(self.amount),
            "reference": self.reference,
            "payer": self.payer,
            "key": self.key,
        }

    @classmethod
    def from_json(cls, data: dict) -> Entry:
        return cls(
            line=int(data["line"]),
            date=date.fromisoformat(data["date"]),
            amount=Decimal(data["amount"]),
            reference=data["reference"],
            payer=data["payer"],
            key=data["key"],
        )


@dataclass
class Statement:
    entries: list[Entry] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # "Line 7: …"


def _decode(data: bytes) -> str:
    for encoding in ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise Invalid.field(
        "file", _("The file is neither UTF-8 nor GBK text. Export it as CSV.")
    )


def _columns(header: list[str]) -> dict[str, int]:
    names = [h.strip().strip('"').lower() for h in header]
    found: dict[str, int] = {}
    for column, candidates in HEADERS.items():
        for candidate in candidates:
            if candidate in names:
                found[column] = names.index(candidate)
                break
    missing = [c for c in READERS if c not in found]
    if missing or ("reference" not in found and "payer" not in found):
        raise Invalid.field(
            "file",
            _(
                "Line 1 must name the columns: date (交易日期), amount (金额), "
                "reference (附言 or 摘要) and payer (付款人)."
            ),
        )
    return found


def parse_date(value: str) -> date:
    text = value.strip().split(" ")[0].split("T")[0]
    for fmt in DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(value)


def parse_amount(value: str) -> Decimal:
    text = re.sub(r"[¥￥,，\s]|CNY|RMB|元", "", value.strip(), flags=re.IGNORECASE)
    try:
        return money(Decimal(text))
    except (InvalidOperation, ValueError):
        raise ValueError(value) from None


# The required columns: how each cell is read, and what the operator is told of
# a line whose cell cannot be (the line is then skipped).
READERS = {
    "date": (parse_date, gettext_lazy("Line %(n)s: “%(value)s” is not a date.")),
    "amount": (
        parse_amount,
        gettext_lazy("Line %(n)s: “%(value)s” is not an amount."),
    ),
}


def _read_required(cell: Callable[[str], str], number: int) -> list[Any]:
    """The line's required cells, read (date, amount); ValueError with the
    problem for the first that cannot be."""
    values = []
    for column, (parse, problem) in READERS.items():
        try:
            values.append(parse(cell(column)))
        except ValueError:
            raise ValueError(problem % {"n": number, "value": cell(column)}) from None
    return values


def line_key(entry: Entry, rank: int) -> str:
    """What identifies a statement line across imports: its content, and its
    rank among identical lines of the same file (two equal transfers)."""
    raw = "|".join(
        [
            entry.date.isoformat(),
            str(entry.amount),
            " ".join(entry.reference.split()),
            " ".join(entry.payer.split()),
            str(rank),
        ]
    )
    return hashlib.sha256(raw.encode()).hexdigest()[:40]


def parse_statement(data: bytes) -> Statement:
    """The lines of money received in a bank statement CSV (Invalid when the
    file as a whole cannot be read)."""
    if len(data) > MAX_BYTES:
        raise Invalid.field(
            "file",
            _("The file is larger than %(kb)s KB; split the statement.")
            % {"kb": MAX_BYTES // 1024},
        )
    text = _decode(data)
    try:
        dialect = csv.Sniffer().sniff(text.split("\n", 1)[0], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    rows = csv.reader(io.StringIO(text), dialect)
    header = next(rows, None)
    if not header:
        raise Invalid.field("file", _("The file is empty."))
    columns = _columns(header)
    statement = Statement()
    seen: Counter[tuple] = Counter()
    for number, row in enumerate(rows, start=2):
        if not any(cell.strip() for cell in row):
            continue
        if number > MAX_LINES + 1:
            raise Invalid.field(
                "file",
                _("A statement may have at most %(n)s lines.") % {"n": MAX_LINES},
            )

        def cell(column: str, row: list[str] = row) -> str:
            index = columns.get(column)
            return row[index].strip() if index is not None and index < len(row) else ""

        try:
            day, amount = _read_required(cell, number)
        except ValueError as problem:
            statement.problems.append(str(problem))
            continue
        if amount <= 0:
            statement.problems.append(
                _("Line %(n)s: not money received (%(amount)s); skipped.")
                % {"n": number, "amount": amount}
            )
            continue
        entry = Entry(number, day, amount, cell("reference")[:200], cell("payer")[:200])
        identity = (entry.date, entry.amount, entry.reference, entry.payer)
        seen[identity] += 1
        statement.entries.append(
            Entry(**{**entry.__dict__, "key": line_key(entry, seen[identity])})
        )
    return statement


# --- matching ----------------------------------------------------------------------


MATCHED, AMBIGUOUS, UNMATCHED, RECORDED = (
    "matched",
    "ambiguous",
    "unmatched",
    "recorded",
)


@dataclass
class Proposal:
    entry: Entry
    status: str  # matched | ambiguous | unmatched | recorded
    candidates: list[Any] = field(default_factory=list)  # open invoices
    by_reference: bool = False
    recorded_invoice: str = ""  # the number a recorded line paid

    @property
    def invoice(self) -> Any | None:
        return self.candidates[0] if self.status == MATCHED else None


def _plain(number: str) -> str:
    return re.sub(r"[^A-Z0-9]", "", number.upper())


def _named_in(reference: str) -> set[str]:
    return {_plain(token) for token in NUMBER_TOKEN.findall(reference.upper())}


def propose(
    entries: list[Entry], open_invoices: list[Any], recorded: set[str]
) -> list[Proposal]:
    """Each line's proposal. `open_invoices` carry `.number` and `.outstanding`;
    `recorded` holds the keys of lines already imported."""
    by_number = {_plain(i.number): i for i in open_invoices}
    by_amount: dict[Decimal, list[Any]] = defaultdict(list)
    for invoice in open_invoices:
        by_amount[invoice.outstanding].append(invoice)
    proposals = []
    for entry in entries:
        if entry.key in recorded:
            proposals.append(Proposal(entry, RECORDED))
            continue
        named = [
            by_number[n]
            for n in sorted(_named_in(f"{entry.reference} {entry.payer}"))
            if n in by_number
        ]
        named = [i for i in named if entry.amount <= i.outstanding]
        candidates = named or by_amount.get(entry.amount, [])
        status = {0: UNMATCHED, 1: MATCHED}.get(len(candidates), AMBIGUOUS)
        proposals.append(Proposal(entry, status, list(candidates), bool(named)))
    return proposals
