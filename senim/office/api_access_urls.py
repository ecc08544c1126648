"""API access pages (in the office namespace): one's tokens, the integration clients."""

from django.urls import path

from senim.office import api_access

urlpatterns = [
    path("security/tokens/", api_access.token_list, name="api-tokens"),
    path("security/tokens/new/", api_access.token_create, name="api-token-create"),
    path(
        "security/tokens/<int:token_id>/revoke/", api_access.token_revoke, name="api-token-revoke"
    ),
    path("api-clients/", api_access.client_list, name="api-clients"),
    path("api-clients/new/", api_access.client_create, name="api-client-create"),
    path("api-clients/<int:client_id>/revoke/", api_access.client_revoke, name="api-client-revoke"),
]
