"""The GRECO tracker: rounds, reports, recommendations and ratings; `services` and `selectors`."""
