"""The anti-corruption policy concept 2022-2026: `services` and `selectors`."""
