"""The corruption-risk register and its heat map: `services` and `selectors`."""
