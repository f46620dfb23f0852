"""`{% table rows empty=_("…") %}<thead>…</thead><tbody>…</tbody>{% endtable %}`.

Every list in the portals is a table that scrolls inside its box on a phone, an
empty state when there are no rows, and page links when the rows are a page. That
frame lives here once; the page gives only its columns and rows.
"""

from django import template
from django.utils.html import format_html

register = template.Library()


@register.simple_block_tag(takes_context=True)
def table(
    context: template.Context,
    content: str,
    rows,
    empty: str = "",
    css: str = "",
    id: str = "",  # noqa: A002 - the HTML attribute's name
    paginate: bool = False,
    total: bool = False,
) -> str:
    """`rows` decides between the table and the empty state (a page, a queryset
    or a list); `paginate` adds the page links of `page_obj` under the table,
    `total` the whole list's count (the figure a home tile links here with)."""
    if not rows:
        return format_html('<div class="empty">{}</div>', empty)
    attrs = format_html(
        "{}{}",
        format_html(' class="{}"', css) if css else "",
        format_html(' id="{}"', id) if id else "",
    )
    html = format_html(
        '<div class="table-wrap"><table{}>{}</table></div>', attrs, content
    )
    engine = context.template.engine
    for name, wanted in (("_list_total.html", total), ("_pagination.html", paginate)):
        if wanted:
            html += engine.get_template(name).render(context)
    return html
