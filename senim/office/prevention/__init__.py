"""Staff pages for prevention and oversight: plans, events, commissions, risks, concept, GRECO."""
