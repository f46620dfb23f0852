from parks.views import admission, inventory, leasing

app_name = "parks"
urlpatterns = [
    *inventory.urlpatterns,
    *admission.urlpatterns,
    *leasing.urlpatterns,
]
