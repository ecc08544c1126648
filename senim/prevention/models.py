"""Prevention and oversight: plans, events, commissions, the risk register, the concept, GRECO."""
