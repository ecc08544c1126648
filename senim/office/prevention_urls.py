"""Prevention and oversight pages, under /office/prevention/. Exports ask for a fresh second
factor (a spreadsheet leaves the system)."""

from django.urls import path

from senim.office.prevention import commissions, common, events, greco, plans, risks
from senim.office.second_factor import step_up_required

app_name = "prevention"
urlpatterns = [
    path("", plans.index, name="index"),
    path("plans/", plans.plans, name="plans"),
    path("plans/export.xlsx", step_up_required(plans.plans), {"export": True}, name="plans-export"),
    path("plans/<int:plan_id>/", plans.plan, name="plan"),
    path("measures/", plans.measures, name="measures"),
    path(
        "measures/export.xlsx",
        step_up_required(plans.measures),
        {"export": True},
        name="measures-export",
    ),
    path("measures/<int:measure_id>/", plans.measure, name="measure"),
    path("events/", events.events, name="events"),
    path(
        "events/export.xlsx",
        step_up_required(events.events),
        {"export": True},
        name="events-export",
    ),
    path("events/new/", events.event_new, name="event-new"),
    path("events/<int:event_id>/", events.event, name="event"),
    path("commissions/", commissions.commissions, name="commissions"),
    path(
        "commissions/export.xlsx",
        step_up_required(commissions.commissions),
        {"export": True},
        name="commissions-export",
    ),
    path("commissions/<int:commission_id>/", commissions.commission, name="commission"),
    path("meetings/<int:meeting_id>/", commissions.meeting, name="meeting"),
    path("resolutions/", commissions.resolutions, name="resolutions"),
    path(
        "resolutions/export.xlsx",
        step_up_required(commissions.resolutions),
        {"export": True},
        name="resolutions-export",
    ),
    path("resolutions/<int:resolution_id>/", commissions.resolution, name="resolution"),
    path("risks/", risks.risks, name="risks"),
    path("risks/export.xlsx", step_up_required(risks.risks), {"export": True}, name="risks-export"),
    path("risks/heat-map/", risks.heat_map, name="heat-map"),
    path("risks/new/", risks.risk_new, name="risk-new"),
    path("risks/<int:risk_id>/", risks.risk, name="risk"),
    path("concept/", greco.concept, name="concept"),
    path(
        "concept/export.xlsx",
        step_up_required(greco.concept),
        {"export": True},
        name="concept-export",
    ),
    path("concept/<int:measure_id>/", greco.concept_measure, name="concept-measure"),
    path("greco/", greco.greco, name="greco"),
    path("greco/rounds/<int:round_id>/", greco.greco_round, name="greco-round"),
    path(
        "greco/rounds/<int:round_id>/export.xlsx",
        step_up_required(greco.greco_round),
        {"export": True},
        name="greco-export",
    ),
    path(
        "greco/recommendations/<int:recommendation_id>/",
        greco.greco_recommendation,
        name="greco-recommendation",
    ),
    path("files/<int:document_id>/", common.document, name="file"),
    path("reminders/<int:reminder_id>/dismiss/", common.reminder_dismiss, name="reminder-dismiss"),
]
