"""Root URLs: the portals, the API and operations endpoints."""

from django.contrib import admin
from django.urls import include, path

from config import views
from config.api import api

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("api/v1/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("accounts/", include("core.urls")),
    path("", include("tenants.urls")),
    path("", include("parks.urls")),
    path("", include("billing.urls")),
    path("", include("finance.urls")),
    path("", include("services.urls")),
]
