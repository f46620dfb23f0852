"""Shared pieces of the services API: the documented error body, and a
booking's company document fetched for sharing."""

from core.access import get_scoped
from core.schemas import ErrorOut, ObjectId
from services.models import Booking
from tenants.models import Document


def errors(*codes: int) -> dict:
    return dict.fromkeys(codes, ErrorOut)


def company_document(booking: Booking, document_id: ObjectId) -> Document:
    return get_scoped(
        Document.objects.filter(company_id=booking.company_id), pk=document_id
    )
