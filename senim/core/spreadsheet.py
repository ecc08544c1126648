"""What every spreadsheet Senim writes shares."""

# Excel with Kazakh or Russian regional settings splits CSV on semicolons.
CSV_DELIMITER = ";"

# A cell starting with one of these is a formula to a spreadsheet (CSV injection): such text is
# written with a leading apostrophe, which the spreadsheet shows as text.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def as_text(text: str) -> str:
    """`text` as a cell that a spreadsheet never evaluates."""
    return "'" + text if text.startswith(FORMULA_START) else text
