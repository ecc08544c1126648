from django.urls import include, path

from senim.portal import views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("report/", views.report, name="report"),
    path("coupon.pdf", views.coupon_pdf, name="coupon-pdf"),
    path("follow-up/", views.follow_up, name="follow-up"),
    path("follow-up/mailbox/", views.mailbox, name="mailbox"),
    path("follow-up/leave/", views.follow_up_leave, name="follow-up-leave"),
    path("follow-up/answer.pdf", views.answer_pdf, name="answer-pdf"),
    path("reception/", views.reception, name="reception"),
    path("reception/cancel/", views.reception_cancel, name="reception-cancel"),
    path("reception/<str:unit_code>/", views.reception_book, name="reception-book"),
    path("statistics/", include("senim.portal.statistics_urls")),
]
