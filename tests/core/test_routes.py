"""`core.routes.object_url`: an object's page from its route's halves, the same
URL `reverse` gives, under any script prefix."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.urls import NoReverseMatch, reverse, set_script_prefix

from core.routes import object_url, page_of

NAMES = ["billing:invoice", "parks:lease", "tenants:document_download"]


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("pk", [1, 7, 42, 123456789])
def test_the_same_url_as_reverse(name: str, pk: int) -> None:
    assert object_url(name, pk) == reverse(name, args=[pk])


def test_the_script_prefix_is_honoured() -> None:
    try:
        set_script_prefix("/enclave/")
        assert object_url("billing:invoice", 5) == reverse("billing:invoice", args=[5])
        assert object_url("billing:invoice", 5).startswith("/enclave/")
    finally:
        set_script_prefix("/")
    assert not object_url("billing:invoice", 5).startswith("/enclave/")


def test_an_unsaved_object_has_no_page() -> None:
    with pytest.raises(NoReverseMatch):
        object_url("billing:invoice", None)


def test_every_model_with_a_page_links_through_one_route() -> None:
    """Each model's `get_absolute_url` is a `page_of` row that reverses to
    the object's own key."""
    with_pages = [
        m for m in apps.get_models() if m.__module__.split(".")[0] != "django"
        and hasattr(m, "get_absolute_url")
    ]  # fmt: skip
    assert len(with_pages) >= 14
    for model in with_pages:
        assert model.get_absolute_url.__qualname__.startswith(page_of.__name__)
        obj = model(pk=31)
        assert "/31/" in obj.get_absolute_url() + "/"


def test_the_template_tag_links_a_row_like_url() -> None:
    from django.template import Context, Template

    html = Template(
        "{% load links %}{% object_url 'parks:lease' row.pk %}|"
        "{% url 'parks:lease' row.pk %}"
    ).render(Context({"row": {"pk": 12}}))
    mine, django = html.split("|")
    assert mine == django == reverse("parks:lease", args=[12])
