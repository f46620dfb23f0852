from finance.views import billing, lending

app_name = "finance"
urlpatterns = [
    *billing.urlpatterns,
    *lending.urlpatterns,
]
