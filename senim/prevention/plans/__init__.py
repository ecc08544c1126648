"""Plans and their measures: `services` change them, `selectors` read them."""
