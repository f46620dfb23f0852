"""The Simplified Chinese catalogue ships complete: no fuzzy or empty entries,
and every translation keeps the placeholders of its English original."""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# The project catalogue plus any app that keeps its own (services/locale/...).
PO_FILES = sorted(
    p
    for p in ROOT.glob("*/locale/zh_Hans/LC_MESSAGES/django.po")
    if ".venv" not in p.parts
) + [ROOT / "locale/zh_Hans/LC_MESSAGES/django.po"]
# %(name)s and %d style (Python), and {name} style (str.format) placeholders.
PLACEHOLDER = re.compile(r"%\(\w+\)[sdifr]|%[sdifr]|\{\w*\}")
KEYWORD = re.compile(r"(msgctxt|msgid|msgid_plural|msgstr)(?:\[(\d+)\])?")


@dataclass
class Entry:
    msgid: str = ""
    msgid_plural: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)
    line: int = 0


def parse_po(text: str) -> list[Entry]:
    """A small .po reader: flags, msgctxt, msgid, msgid_plural and msgstr[n].

    An entry ends at a blank line, or where a comment or a new msgctxt/msgid
    follows its msgstr; obsolete entries (#~) are skipped."""
    entries: list[Entry] = []
    entry = Entry()
    target: tuple[str, int] | None = None

    def finish() -> None:
        nonlocal entry, target
        if target is not None:  # comments alone are not an entry
            entries.append(entry)
        entry, target = Entry(), None

    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#~"):
            finish()
            continue
        keyword, _, rest = line.partition(" ")
        starts_entry = line.startswith("#") or keyword in ("msgctxt", "msgid")
        if starts_entry and target is not None and target[0] == "msgstr":
            finish()
        if not entry.line:
            entry.line = number
        if line.startswith("#"):
            if line.startswith("#,"):
                entry.flags |= {f.strip() for f in line[2:].split(",")}
            continue
        if line.startswith('"'):
            value = ast.literal_eval(line)
        else:
            match = KEYWORD.fullmatch(keyword)
            assert match, f"line {number}: cannot read {line!r}"
            target, value = (match[1], int(match[2] or 0)), ast.literal_eval(rest)
        assert target is not None, f"line {number}: text before a keyword"
        name, index = target
        if name == "msgid":
            entry.msgid += value
        elif name == "msgid_plural":
            entry.msgid_plural = (entry.msgid_plural or "") + value
        elif name == "msgstr":
            entry.msgstr[index] = entry.msgstr.get(index, "") + value
    finish()
    return entries


@pytest.fixture(scope="module", params=PO_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def entries(request) -> list[Entry]:
    return parse_po(request.param.read_text(encoding="utf-8"))


def test_the_catalogue_has_messages(entries) -> None:
    assert len([e for e in entries if e.msgid]) > 10


def test_no_fuzzy_entries(entries) -> None:
    fuzzy = [e.msgid or "<header>" for e in entries if "fuzzy" in e.flags]
    assert fuzzy == []


def test_no_empty_translations(entries) -> None:
    empty = [
        (e.line, e.msgid)
        for e in entries
        if e.msgid and (not e.msgstr or any(not s.strip() for s in e.msgstr.values()))
    ]
    assert empty == []


def test_plural_entries_have_every_form(entries) -> None:
    # Chinese has a single plural form (nplurals=1).
    broken = [e.msgid for e in entries if e.msgid_plural and sorted(e.msgstr) != [0]]
    assert broken == []


def test_placeholders_are_kept(entries) -> None:
    mismatched = []
    for e in entries:
        if not e.msgid:
            continue
        wanted = sorted(PLACEHOLDER.findall(e.msgid_plural or e.msgid))
        for form, text in e.msgstr.items():
            if sorted(PLACEHOLDER.findall(text)) != wanted:
                mismatched.append((e.line, e.msgid, form, text))
    assert mismatched == []


def test_the_parser_reads_plurals_and_flags() -> None:
    text = (
        '#, fuzzy, python-format\nmsgid "%(n)d unit"\nmsgid_plural "%(n)d units"\n'
        'msgstr[0] ""\n"%(n)d 个单元"\n\n#: a.py:1\nmsgid ""\n"two "\n"lines"\n'
        'msgstr "两行"\n#: b.py:2\nmsgid "next"\nmsgstr ""\n'
    )
    first, second, third = parse_po(text)
    assert first.flags == {"fuzzy", "python-format"}
    assert first.msgid_plural == "%(n)d units"
    assert first.msgstr == {0: "%(n)d 个单元"}
    assert (second.msgid, second.msgstr) == ("two lines", {0: "两行"})
    assert (third.msgid, third.msgstr) == ("next", {0: ""})
