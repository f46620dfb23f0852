"""Reading a rendered PDF in tests: its text and the fonts it embeds."""

from __future__ import annotations

from io import BytesIO

from fontTools.ttLib import TTFont, TTLibError
from pypdf import PdfReader

# The font files core/fonts/ ships, by PostScript name.
SHIPPED_FONTS = {"EnclaveSansSC-Regular", "EnclaveSansSC-Bold"}


def pdf_text(pdf: bytes) -> str:
    return "".join(page.extract_text() for page in PdfReader(BytesIO(pdf)).pages)


def pdf_fonts(pdf: bytes) -> set[str | None]:
    """The PostScript name of the font file embedded for each font the pages
    use (a synthetic oblique names the file it slants); None for a font that is
    not embedded, the PDF's own name for one fontTools cannot read."""
    fonts = set()
    for page in PdfReader(BytesIO(pdf)).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            for part in font.get("/DescendantFonts") or [font]:
                part = part.get_object()
                descriptor = part.get("/FontDescriptor")
                descriptor = descriptor.get_object() if descriptor else {}
                stream = next(
                    (
                        descriptor[key]
                        for key in ("/FontFile3", "/FontFile2", "/FontFile")
                        if key in descriptor
                    ),
                    None,
                )
                fonts.add(stream and _postscript_name(stream, part["/BaseFont"]))
    return fonts


def _postscript_name(stream, base_font) -> str:
    try:
        return TTFont(BytesIO(stream.get_object().get_data()))["name"].getDebugName(6)
    except (TTLibError, KeyError, AssertionError):
        return str(base_font)
