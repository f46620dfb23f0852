"""Count-free pages: a next link from one extra row, never a COUNT query."""

import pytest

from core.models import User
from core.pagination import NextPage
from tests import factories


@pytest.mark.django_db
def test_next_page_reads_one_extra_row_and_never_counts(django_assert_num_queries):
    for _ in range(5):
        factories.UserFactory()
    users = User.objects.order_by("pk")
    with django_assert_num_queries(1):
        first = NextPage(users, None, 2)
    assert [u.pk for u in first] == list(users.values_list("pk", flat=True)[:2])
    assert first.has_next() and not first.has_previous()
    assert first.next_page_number() == 2
    last = NextPage(users, "3", 2)
    assert len(last) == 1 and not last.has_next() and last.has_previous()
    assert last.has_other_pages() and last.previous_page_number() == 2
    assert NextPage(users, "nonsense", 2).number == 1
    assert len(NextPage(users, "9", 2)) == 0
