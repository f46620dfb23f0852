"""Money is Decimal with two places; payment gateways get integer minor units.
Here too the two ways money is written for people: `¥49,300.00` in pages, PDFs and
workbooks, and the amount in Chinese capital numerals (大写金额) that invoices and
contracts carry, as the People's Bank's rules for writing amounts require."""

from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")

DIGITS = "零壹贰叁肆伍陆柒捌玖"
PLACES = ("", "拾", "佰", "仟")  # inside a group of four digits
GROUPS = ("", "万", "亿", "万亿")  # each group of four digits, from the right
UPPER_LIMIT = Decimal(10) ** (4 * len(GROUPS))
XLSX_YUAN = '"¥"#,##0.00'  # the number format of a money cell in a workbook
XLSX_DATE = "yyyy-mm-dd"


def money(value: Decimal | int | str) -> Decimal:
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


def to_minor_units(value: Decimal) -> int:
    return int(money(value) * 100)


def format_yuan(value: Decimal | int | str) -> str:
    """`¥49,300.00`: two places and thousands separators, the same in every language."""
    amount = money(value)
    sign = "-" if amount < 0 else ""
    return f"{sign}¥{abs(amount):,.2f}"


def format_quantity(value: Decimal | int | str) -> str:
    """A limit or quantity for people: 1000000 and Decimal("1e6") both read 1,000,000,
    never 1E+6; no trailing zeros (0.50 → 0.5)."""
    number = Decimal(value)
    if number == number.to_integral_value():
        number = number.quantize(Decimal(1))
    else:
        number = number.normalize()
    return f"{number:,f}"


def _group_in_capitals(number: int) -> str:
    """0 < number < 10000 in capitals, zeros inside it read once (1001: 壹仟零壹)."""
    text, zero = "", False
    for place in range(3, -1, -1):
        digit = number // 10**place % 10
        if digit == 0:
            zero = bool(text)
            continue
        if zero:
            text += "零"
            zero = False
        text += DIGITS[digit] + PLACES[place]
    return text


def amount_in_capitals(value: Decimal | int | str) -> str:
    """The amount in Chinese capital numerals: 49300 → 肆万玖仟叁佰元整,
    1000.05 → 壹仟元零伍分, 0.5 → 伍角整. Amounts up to (not including) 10^16."""
    amount = money(value)
    if abs(amount) >= UPPER_LIMIT:
        raise ValueError(f"{amount} is too large to write in capitals.")
    sign = "负" if amount < 0 else ""
    cents = int(abs(amount) * 100)
    yuan, jiao, fen = cents // 100, cents // 10 % 10, cents % 10

    text, zero_before = "", False
    for index in range(len(GROUPS) - 1, -1, -1):
        group = yuan // 10 ** (4 * index) % 10000
        if group == 0:
            zero_before = zero_before or bool(text)
            continue
        if text and (zero_before or group < 1000):
            text += "零"
        suffix = GROUPS[index]
        if index == 3 and yuan // 10**8 % 10000:
            suffix = "万"  # 玖万玖仟亿, not 玖万亿玖仟亿
        text += _group_in_capitals(group) + suffix
        zero_before = False
    if text:
        text += "元"

    if jiao == 0 and fen == 0:
        return sign + (text or "零元") + "整"
    if jiao == 0:
        return sign + text + ("零" if text else "") + DIGITS[fen] + "分"
    return sign + text + DIGITS[jiao] + "角" + (DIGITS[fen] + "分" if fen else "整")
