from django.urls import path

from senim.office import views

app_name = "office"
urlpatterns = [
    path("", views.home, name="home"),
    path("login/", views.StaffLoginView.as_view(), name="login"),
    path("logout/", views.StaffLogoutView.as_view(), name="logout"),
    path("cases/", views.case_list, name="case-list"),
    path("registry/", views.registry, name="registry"),
    path("registry/add/", views.court_add, name="court-add"),
    path("registry/<str:code>/", views.court_detail, name="court-detail"),
    path("registry/<str:code>/<str:action>/", views.court_change, name="court-change"),
]
