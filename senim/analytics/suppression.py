"""Small-count suppression of the public statistics: which cells of a table are hidden, and why.

Pure functions over cells (a period, an area and an indicator, each with its count) and the sums
they make; `senim.analytics.public` builds the table and its sums and applies these rules, and
the page and the open-data files show the result. docs/open-data.md says the same for readers.

1. **Small counts** (`primary`). A count from 1 to 4 (below `THRESHOLD`) is not published
   ("<5"): a handful of appeals from one region in one quarter can point at the person who wrote
   them. A zero is published: it says that nobody reported, which identifies nobody, and the zero
   indicator (confirmed offences) must be able to read 0.
2. **Complementary suppression** (`suppress`). Published figures add up (the country is the sum
   of its regions, a year of its quarters, a total of its breakdown), and a single hidden cell in
   such a sum would come back by subtraction. So every sum is checked as a reader would attack it
   (`disclosed`), knowing that a "<5" cell holds 1 to 4 and crediting them with knowing that an
   "x" cell holds at least 5: when some hidden cell could be worked out to one value, another
   cell is hidden ("x"), the smallest non-zero part that is enough (small keeps the loss small;
   too small, a 5 beside a 1 under a total of 6, would still let the pair be solved), until no
   sum gives any hidden cell away. A total is hidden only when no part is left to hide, so the
   country figures normally stay visible. When only small cells are left (a "<5" year made of
   four "<5" quarters is 1 + 1 + 1 + 1), one of them is shown as "x" instead of "<5"
   (`WIDENED`). A part is also at most its whole where the remainder is not published: that is
   a sum with an unknown remainder (`remainder`, marked `UNPUBLISHED`).

Each sum is checked on its own: a reader who combined several sums at once (linear programming
over the whole table) could sometimes narrow a hidden count further; docs/open-data.md says so.
`tests/test_analytics_public.py` checks random tables by enumeration, not by these intervals.
"""

from __future__ import annotations

import math
from collections import defaultdict, deque
from collections.abc import Iterable, Mapping, Sequence

THRESHOLD = 5  # counts from 1 to THRESHOLD - 1 are small

# Why a count is hidden.
SMALL = "small"  # a count from 1 to 4
COMPLEMENTARY = "complementary"  # hidden so that a small count cannot be worked out
# A small count shown as "x" rather than "<5" (see _complement); told as complementary.
WIDENED = "widened"
# Never published: the difference in "a part is at most its whole" (see `remainder`).
UNPUBLISHED = "unpublished"

Cell = tuple[str, str, str]  # period code, area code, public indicator key
Equation = tuple[Cell, tuple[Cell, ...]]  # total, parts: total == sum(parts)


def remainder(cell: Cell, part: str) -> Cell:
    """The unpublished cell of a whole minus a part (the slack of an inequality)."""
    period, area, whole = cell
    return period, area, f"{whole}-{part}"


def primary(counts: Mapping[Cell, int]) -> dict[Cell, str]:
    """Rule 1: every count from 1 to 4 is hidden; zeros and counts of 5 and more are shown."""
    return {cell: SMALL for cell, value in counts.items() if 0 < value < THRESHOLD}


def _bounds(reason: str) -> tuple[float, float]:
    """What a reader knows of a hidden count from its mark. "<5" is 1 to 4. "x" is taken as at
    least 5, what a complementary cell holds (only non-zero cells are hidden and those of 1 to 4
    are small already), which credits the reader with more than they know; only a small count
    whose "<5" had to become "x" (`WIDENED`) is counted as what a reader sees, 1 or more."""
    if reason == SMALL:
        return 1.0, float(THRESHOLD - 1)
    if reason == WIDENED:
        return 1.0, math.inf
    if reason == UNPUBLISHED:
        return 0.0, math.inf
    return float(THRESHOLD), math.inf


def disclosed(
    equation: Equation, counts: Mapping[Cell, int], hidden: Mapping[Cell, str]
) -> list[Cell]:
    """The hidden cells of a sum that a reader could work out to a single value.

    Writes the sum as total - parts = 0; the shown cells are known, each hidden cell lies within
    the bounds its mark gives, and a hidden cell's possible values are what the others' bounds
    leave. A cell is given away when at most one whole value is left.
    """
    total, parts = equation
    terms = [(total, -1), *((part, 1) for part in parts)]
    known = 0
    unknown: list[tuple[Cell, int, float, float]] = []  # cell, sign, bounds of sign * x
    for cell, sign in terms:
        if cell not in hidden:
            known += sign * counts.get(cell, 0)
            continue
        lo, hi = _bounds(hidden[cell])
        unknown.append((cell, sign, lo, hi) if sign > 0 else (cell, sign, -hi, -lo))
    # The sum of sign * x over the hidden cells lies in [low, high]: the finite part of each
    # end, and how many infinite terms it holds (so that one cell's own can be taken out).
    low = sum(a for _c, _s, a, _b in unknown if a != -math.inf)
    high = sum(b for _c, _s, _a, b in unknown if b != math.inf)
    low_infinite = sum(1 for _c, _s, a, _b in unknown if a == -math.inf)
    high_infinite = sum(1 for _c, _s, _a, b in unknown if b == math.inf)
    found = []
    for cell, sign, a, b in unknown:
        if hidden[cell] == UNPUBLISHED:  # nobody publishes it: nothing to give away
            continue
        # The other hidden cells' sum lies in [others_low, others_high].
        if a == -math.inf:
            others_low = -math.inf if low_infinite > 1 else low
        else:
            others_low = -math.inf if low_infinite else low - a
        if b == math.inf:
            others_high = math.inf if high_infinite > 1 else high
        else:
            others_high = math.inf if high_infinite else high - b
        # sign * x = -known - (the others' sum)
        first, last = -known - others_high, -known - others_low
        if sign < 0:
            first, last = -last, -first
        lo, hi = _bounds(hidden[cell])
        upper, lower = min(last, hi), max(first, lo)
        if upper != math.inf and math.floor(upper) - math.ceil(lower) < 1:
            found.append(cell)
    return found


def _complement(
    equation: Equation, counts: Mapping[Cell, int], hidden: dict[Cell, str]
) -> tuple[Cell, str] | None:
    """What to hide so that a sum gives nothing away, and how.

    The smallest non-zero part that is enough alone; failing that the largest part (and the sum
    is checked again); failing any part, the total. When every non-zero cell is hidden already,
    small ones alone can still give each other away (a "<5" year made of four "<5" quarters is
    4 = 1 + 1 + 1 + 1): then a small count is marked "x" instead of "<5", the total first.
    """
    total, parts = equation
    candidates = sorted(
        (counts.get(part, 0), part)
        for part in parts
        if part not in hidden and counts.get(part, 0) > 0
    )
    for _value, part in candidates:
        hidden[part] = COMPLEMENTARY
        enough = not disclosed(equation, counts, hidden)
        del hidden[part]
        if enough:
            return part, COMPLEMENTARY
    if candidates:
        return candidates[-1][1], COMPLEMENTARY
    if total not in hidden and counts.get(total, 0) > 0:
        return total, COMPLEMENTARY
    small = sorted(
        (cell != total, -counts.get(cell, 0), cell)
        for cell in (total, *parts)
        if hidden.get(cell) == SMALL
    )
    if small:
        return small[0][2], WIDENED
    return None


def suppress(
    counts: Mapping[Cell, int], equations: Sequence[Equation], unpublished: Iterable[Cell] = ()
) -> dict[Cell, str]:
    """Rules 1 and 2: the hidden cells and why, checked until no sum gives a hidden cell away.

    `unpublished` are cells of the equations that no page or file shows (remainders).

    Cells are only ever hidden, or their mark widened, never shown again: the loop ends. The
    order of the work is fixed, so the same figures always give the same pattern (the page and
    the files agree).
    """
    hidden = primary(counts)
    hidden.update((cell, UNPUBLISHED) for cell in unpublished)
    containing: dict[Cell, list[int]] = defaultdict(list)
    for index, (total, parts) in enumerate(equations):
        containing[total].append(index)
        for part in parts:
            containing[part].append(index)
    queue = deque(sorted({i for cell in hidden for i in containing.get(cell, ())}))
    queued = set(queue)
    while queue:
        index = queue.popleft()
        queued.discard(index)
        equation = equations[index]
        while disclosed(equation, counts, hidden):
            found = _complement(equation, counts, hidden)
            if found is None:  # cannot happen: a lone hidden cell always has a visible partner
                break
            cell, reason = found
            hidden[cell] = reason
            for other in containing[cell]:
                if other != index and other not in queued:
                    queue.append(other)
                    queued.add(other)
    return {cell: reason for cell, reason in hidden.items() if reason != UNPUBLISHED}
