from governance.views import commitments, reports

app_name = "governance"
urlpatterns = [*commitments.urlpatterns, *reports.urlpatterns]
