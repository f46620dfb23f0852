"""Django's own strings that its Simplified Chinese catalogue does not have yet.

Listing them here puts them in the project catalogue (locale/), which Django
consults before its own, so the empty choice of a select reads in Chinese too."""

from django.utils.translation import gettext_noop

DJANGO_STRINGS = (
    # django.db.models.fields.BLANK_CHOICE_LABEL (new in Django 6.1)
    gettext_noop("- Select an option -"),
)
