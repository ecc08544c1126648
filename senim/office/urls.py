from django.urls import include, path

from senim.office import case_views, oversight, reception, trust_line, views

app_name = "office"
urlpatterns = [
    path("", views.home, name="home"),
    path("login/", views.StaffLoginView.as_view(), name="login"),
    path("logout/", views.StaffLogoutView.as_view(), name="logout"),
    path("cases/", case_views.queue, name="case-list"),
    path("cases/<int:case_id>/", case_views.case_detail, name="case-detail"),
    path("cases/<int:case_id>/answer.pdf", case_views.answer_pdf, name="case-answer-pdf"),
    path("cases/<int:case_id>/do/<str:action>/", case_views.case_action, name="case-action"),
    path(
        "cases/<int:case_id>/files/<int:attachment_id>/",
        case_views.attachment,
        name="case-attachment",
    ),
    path("audit/", oversight.audit_log, name="audit"),
    path("calendar/", oversight.working_calendar, name="calendar"),
    path("tasks/", oversight.tasks, name="tasks"),
    path("tasks/<int:task_id>/<str:action>/", oversight.task_action, name="task-action"),
    path("protection/", oversight.protection_register, name="protection"),
    path("staff/", oversight.staff_list, name="staff"),
    path("prevention/", include("senim.office.prevention_urls")),
    path("analytics/", include("senim.office.analytics_urls")),
    path("trust-line/", trust_line.console, name="trust-line"),
    path("trust-line/call/", trust_line.call, name="call"),
    path("trust-line/callback/", trust_line.callback, name="callback"),
    path("trust-line/callback/note/", trust_line.callback_note, name="callback-note"),
    path("reception/", reception.day_view, name="reception"),
    path("reception/schedule/", reception.schedule, name="reception-schedule"),
    path("reception/walk-in/", reception.walk_in, name="reception-walk-in"),
    path("reception/book/", reception.book_for_citizen, name="reception-book"),
    path("reception/<str:number>/protocol/", reception.protocol, name="reception-protocol"),
    path("reception/<str:number>/<str:status>/", reception.mark, name="reception-mark"),
    path("registry/", views.registry, name="registry"),
    path("registry/add/", views.court_add, name="court-add"),
    path("registry/<str:code>/", views.court_detail, name="court-detail"),
    path("registry/<str:code>/<str:action>/", views.court_change, name="court-change"),
]
