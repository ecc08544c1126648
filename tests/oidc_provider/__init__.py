"""A small OpenID Connect provider (django-oauth-toolkit) that tests start on 127.0.0.1.

A Django project of its own, apart from Senim: its own settings, URLs and SQLite database in
the directory that the environment variable OIDC_PROVIDER_DIR names. tests/oidc_harness.py
prepares it and serves it with gunicorn; nothing in Senim imports it.
"""
