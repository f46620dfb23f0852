from attraction.views import urlpatterns

app_name = "attraction"
__all__ = ["urlpatterns"]
