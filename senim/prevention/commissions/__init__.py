"""Public-council commissions, their meetings and resolutions: `services` and `selectors`."""
