"""Rebuild the Simplified Chinese font the PDFs embed (core/fonts/).

Usage:
    scripts/build_pdf_font.py --regular NotoSansCJK-Regular.ttc \
        --bold NotoSansCJK-Bold.ttc --unihan Unihan.zip [--out core/fonts]

--regular / --bold: Noto Sans CJK (OFL 1.1), a .ttc collection (the SC face is
picked by its name) or a Noto Sans CJK SC .otf. --unihan: the Unicode Character
Database's Unihan data, as Unihan.zip, Unihan_OtherMappings.txt (.bz2 too) or a
folder holding either; its kTGH field numbers the 8,105 characters of the
通用规范汉字表 (General Standard Chinese Characters, 2013).

The subset keeps those 8,105 characters plus the Latin, punctuation, symbol and
full-width ranges in KEPT_RANGES, and renames the face to FAMILY so that a PDF
shows it embedded the shipped file rather than a system Noto.
"""

from __future__ import annotations

import argparse
import bz2
import io
import sys
import zipfile
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTCollection, TTFont

ROOT = Path(__file__).resolve().parent.parent
FAMILY = "Enclave Sans SC"
PS_FAMILY = "EnclaveSansSC"
OTHER_MAPPINGS = "Unihan_OtherMappings.txt"

# Everything but the Han characters: (first, last, what).
KEPT_RANGES: tuple[tuple[int, int, str], ...] = (
    (0x0020, 0x007E, "Basic Latin"),
    (0x00A0, 0x00FF, "Latin-1 Supplement (¥ · × ² …)"),
    (0x2000, 0x206F, "General Punctuation (– — ‘ ’ “ ” … ‰)"),
    (0x20A0, 0x20CF, "Currency Symbols (€ …)"),
    (0x2100, 0x214F, "Letterlike Symbols (℃ № …)"),
    (0x2150, 0x218F, "Number Forms (Ⅰ Ⅱ …)"),
    (0x2190, 0x21FF, "Arrows"),
    (0x2200, 0x22FF, "Mathematical Operators (≤ ≥ …)"),
    (0x2460, 0x24FF, "Enclosed Alphanumerics (① ② …)"),
    (0x2500, 0x257F, "Box Drawing"),
    (0x25A0, 0x25FF, "Geometric Shapes (■ □ ● ○ …)"),
    (0x2600, 0x26FF, "Miscellaneous Symbols (★ ☆ …)"),
    (0x3000, 0x303F, "CJK Symbols and Punctuation (、 。 《 》 【 】 …)"),
    (0x3200, 0x32FF, "Enclosed CJK Letters and Months (㈠ ㊣ …)"),
    (0x3300, 0x33FF, "CJK Compatibility (㎡ ㎏ …)"),
    (0xFE30, 0xFE4F, "CJK Compatibility Forms"),
    (0xFF00, 0xFFEF, "Halfwidth and Fullwidth Forms (， ： ￥ …)"),
)


# fontTools' default features (kerning, proportional punctuation, fractions …)
# less `locl`, whose lookups map to the Japanese, Korean and Traditional Chinese
# forms of this face, and the vertical-writing ones: the PDFs are horizontal
# Simplified Chinese, and these alternates would double the glyph count.
DROPPED_FEATURES = {
    "locl",
    "valt",
    "vchw",
    "vert",
    "vhal",
    "vjmo",
    "vkrn",
    "vpal",
    "vrt2",
}
LAYOUT_FEATURES = [
    tag
    for tag in subset.Options._layout_features_default
    if tag not in DROPPED_FEATURES
]


def general_standard_characters(unihan: Path) -> set[int]:
    """The code points Unihan's kTGH field lists (通用规范汉字表, 8,105)."""
    text = _other_mappings_text(unihan)
    found = set()
    for line in text.splitlines():
        fields = line.split("\t")
        if len(fields) >= 3 and fields[1] == "kTGH":
            found.add(int(fields[0].removeprefix("U+"), 16))
    if len(found) != 8105:
        sys.exit(f"expected 8,105 kTGH characters in {unihan}, found {len(found)}")
    return found


def _other_mappings_text(unihan: Path) -> str:
    if unihan.is_dir():
        candidates = [unihan / n for n in ("Unihan.zip", OTHER_MAPPINGS)]
        candidates.append(unihan / f"{OTHER_MAPPINGS}.bz2")
        unihan = next((c for c in candidates if c.exists()), candidates[0])
    if unihan.suffix == ".zip":
        with zipfile.ZipFile(unihan) as archive:
            return archive.read(OTHER_MAPPINGS).decode("utf-8")
    if unihan.suffix == ".bz2":
        return bz2.decompress(unihan.read_bytes()).decode("utf-8")
    return unihan.read_text(encoding="utf-8")


def sc_face(path: Path) -> TTFont:
    """The Simplified Chinese face of a Noto Sans CJK .ttc, or the .otf itself."""
    if path.suffix.lower() not in {".ttc", ".otc"}:
        return TTFont(path)
    for number, face in enumerate(TTCollection(path).fonts):
        if face["name"].getDebugName(1).endswith(" SC"):
            return TTFont(path, fontNumber=number)
    sys.exit(f"no SC face in {path}")


def build(source: Path, style: str, unicodes: set[int], out_dir: Path) -> Path:
    font = sc_face(source)
    font.recalcTimestamp = False  # the same sources give the same bytes
    options = subset.Options()
    options.layout_features = LAYOUT_FEATURES
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=unicodes)
    subsetter.subset(font)
    _rename(font, style)
    target = out_dir / f"{PS_FAMILY}-{style}.otf"
    buffer = io.BytesIO()
    font.save(buffer)
    target.write_bytes(buffer.getvalue())
    return target


def _rename(font: TTFont, style: str) -> None:
    """The subset carries its own name: it is a Modified Version under OFL 1.1
    (whose Reserved Font Name 'Source' it never used), 'Noto' is Google's
    trademark, and a distinct name tells the shipped file apart from a system
    Noto Sans CJK in a PDF's font list."""
    names = font["name"]
    version = names.getDebugName(5)
    for record in list(names.names):
        if record.nameID in (1, 3, 4, 6, 16, 17, 21, 22):
            names.removeNames(nameID=record.nameID)
    names.setName(FAMILY, 1, 3, 1, 0x409)
    names.setName(style, 2, 3, 1, 0x409)
    names.setName(f"{PS_FAMILY}-{style};{version}", 3, 3, 1, 0x409)
    names.setName(f"{FAMILY} {style}", 4, 3, 1, 0x409)
    names.setName(f"{PS_FAMILY}-{style}", 6, 3, 1, 0x409)
    cff = font["CFF "].cff
    cff.fontNames = [f"{PS_FAMILY}-{style}"]
    top = cff.topDictIndex[0]
    top.FullName = f"{FAMILY} {style}"
    top.FamilyName = FAMILY


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--regular", type=Path, required=True)
    parser.add_argument("--bold", type=Path, required=True)
    parser.add_argument("--unihan", type=Path, required=True)
    parser.add_argument("--out", type=Path, default=ROOT / "core" / "fonts")
    args = parser.parse_args(argv)

    unicodes = general_standard_characters(args.unihan)
    for first, last, _ in KEPT_RANGES:
        unicodes.update(range(first, last + 1))
    args.out.mkdir(parents=True, exist_ok=True)
    for style, source in (("Regular", args.regular), ("Bold", args.bold)):
        target = build(source, style, unicodes, args.out)
        kept = len(TTFont(target).getBestCmap())
        print(f"{target}: {target.stat().st_size:,} bytes, {kept:,} characters")


if __name__ == "__main__":
    main()
