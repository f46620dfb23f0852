"""Every PDF embeds the shipped Chinese font and needs no font of the host."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.template.loader import render_to_string

from billing.queries import invoice_pdf
from finance.actions.dossier import dossier_pdf
from parks.contract import lease_contract_context, lease_contract_pdf
from tests import factories
from tests.finance.lending_fixtures import market, submitted
from tests.pdfs import SHIPPED_FONTS, pdf_fonts, pdf_text

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
# Outside the basic CJK block, yet in the 通用规范汉字表: 㵐 (Extension A) and
# 𫄧 (Extension C) occur in registered names.
NAME = "黔东南𫄧㵐精密模具有限公司"


@pytest.fixture
def lease(company):
    company.name = NAME
    company.save()
    return factories.LeaseFactory(company=company)


def contract(lease, **_):
    return lease_contract_pdf(lease)


def invoice(lease, **_):
    return invoice_pdf(
        factories.InvoiceFactory(company=lease.company, park=lease.unit.park)
    )


def dossier(lease, tenant, maker, checker):
    banks = market(maker, checker)
    request = submitted(tenant, lease.company, [banks.bank_a])
    return dossier_pdf(request, maker)


@pytest.mark.parametrize("render", [contract, invoice, dossier])
def test_every_pdf_embeds_the_shipped_font_alone(render, lease, tenant, maker, checker):
    pdf = render(lease, tenant=tenant, maker=maker, checker=checker)
    # Regular and bold (headings, totals) both from the shipped files: no
    # host font, no synthetic bold, nothing left unembedded.
    assert pdf_fonts(pdf) == SHIPPED_FONTS
    assert NAME in pdf_text(pdf)


FONTS_CONF = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
<fontconfig><dir>{fonts}</dir><cachedir>{cache}</cachedir></fontconfig>
"""

# Render stdin's HTML with core.pdf; report on stderr how many fonts
# fontconfig sees on the "host".
RENDER = """
import sys
from weasyprint.text.ffi import fontconfig
from core.pdf import html_to_pdf
pdf = html_to_pdf(sys.stdin.read())
config = fontconfig.FcInitLoadConfigAndFonts()
print("host fonts:", fontconfig.FcConfigGetFonts(config, fontconfig.FcSetSystem).nfont,
      file=sys.stderr)
sys.stdout.buffer.write(pdf)
"""


def test_a_pdf_renders_the_same_on_a_host_without_fonts(lease, tmp_path):
    """CI has CJK fonts installed; here fontconfig is shown an empty folder."""
    html = render_to_string("parks/contract_pdf.html", lease_contract_context(lease))
    (tmp_path / "fonts").mkdir()
    conf = tmp_path / "fonts.conf"
    conf.write_text(FONTS_CONF.format(fonts=tmp_path / "fonts", cache=tmp_path))
    done = subprocess.run(
        [sys.executable, "-c", RENDER],
        input=html.encode(),
        capture_output=True,
        cwd=ROOT,
        env={**os.environ, "FONTCONFIG_FILE": str(conf)},
        timeout=120,
    )
    assert done.returncode == 0, done.stderr.decode()
    assert "host fonts: 0" in done.stderr.decode()
    assert pdf_fonts(done.stdout) == SHIPPED_FONTS
    text = pdf_text(done.stdout).replace(" ", "")
    assert NAME in text and "厂房租赁合同" in text
