"""Webhook subscriptions, under /office/webhooks/ (in the office namespace)."""

from django.urls import path

from senim.office import webhooks

urlpatterns = [
    path("", webhooks.webhook_list, name="webhooks"),
    path("new/", webhooks.webhook_create, name="webhook-create"),
    path("<int:subscription_id>/", webhooks.webhook_detail, name="webhook-detail"),
    path("<int:subscription_id>/<str:action>/", webhooks.webhook_action, name="webhook-action"),
]
