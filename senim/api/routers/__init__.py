"""The routers of /api/v1, one module per resource; each is added in `senim.api.v1`."""
