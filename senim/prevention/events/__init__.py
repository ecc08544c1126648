"""Events that took place and the measures they fulfil: `services` record, `selectors` read."""
