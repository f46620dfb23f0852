"""PDF rendering with WeasyPrint, in the project's own embedded CJK font.

Every PDF is rendered here with core/fonts/pdf.css, which loads the shipped
Simplified Chinese font (core/fonts/README.md) through @font-face: a PDF embeds
the same font whatever fonts the host has. A PDF template sets no font-family.
"""

from __future__ import annotations

import atexit
import threading
from pathlib import Path
from typing import Any

from django.template.loader import render_to_string

FONT_CSS = Path(__file__).resolve().parent / "fonts" / "pdf.css"

_per_thread = threading.local()


def _fonts():
    """(font configuration, font stylesheet, URL fetcher), made once per thread.

    Reusing them spares every render copying and scanning the 5 MB of fonts
    (about a third of a contract's render time); a Pango font map is not
    thread-safe, hence one per thread. The fetcher reads local files only (the
    fonts): a PDF never reaches the network.
    """
    if not hasattr(_per_thread, "fonts"):
        # Imported lazily: WeasyPrint loads Pango at import time.
        from weasyprint import CSS, URLFetcher
        from weasyprint.text.fonts import FontConfiguration

        config = FontConfiguration()
        fetcher = URLFetcher(allowed_protocols={"file"})
        css = CSS(filename=FONT_CSS, font_config=config, url_fetcher=fetcher)
        _per_thread.fonts = (config, css, fetcher)
    return _per_thread.fonts


@atexit.register
def _drop_fonts() -> None:
    # The configuration deletes its copies of the fonts when it is collected,
    # which at interpreter exit comes too late for the main thread's.
    _per_thread.__dict__.pop("fonts", None)


def render_pdf(template_name: str, context: dict[str, Any], *, request=None) -> bytes:
    return html_to_pdf(render_to_string(template_name, context, request=request))


def html_to_pdf(html: str) -> bytes:
    from weasyprint import HTML

    config, css, fetcher = _fonts()
    document = HTML(string=html, base_url=None, url_fetcher=fetcher)
    return document.write_pdf(stylesheets=[css], font_config=config)


def pdf_response(content: bytes, filename: str, *, inline: bool = True):
    """A PDF for one party's eyes: shown inline (or downloaded), never cached."""
    from core.downloads import file_response

    return file_response(content, filename, inline=inline)
