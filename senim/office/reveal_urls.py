"""Identity reveals approved by a custodian, under /office/reveals/ (in the office namespace)."""

from django.urls import path

from senim.office import reveals

urlpatterns = [
    path("", reveals.reveal_list, name="reveals"),
    path("<int:request_id>/", reveals.reveal_decide, name="reveal-decide"),
    path("<int:request_id>/withdraw/", reveals.reveal_withdraw, name="reveal-withdraw"),
    path("cases/<int:case_id>/request/", reveals.reveal_request, name="reveal-request"),
    path("cases/<int:case_id>/show/", reveals.reveal_show, name="reveal-show"),
]
