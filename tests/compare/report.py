"""What the Denmark report states, written down from the report itself for the tests to check against."""

import itertools
import re

# Counts of people the report gives, which must never be added up or averaged.
MEMBERS_PER_CITY = [38000, 1600, 8200, 2200, 2800, 335]
PEOPLE = [80000, 150000, 5000, 7000, 15, 450, *MEMBERS_PER_CITY]
# Every other number of 1000 or more the report states: mentor processes, and amounts in DKK.
STATED = {*PEOPLE, 3200, 50_000_000, 1_750_000, 5_250_000, 15_200_000}


def forbidden_totals():
    """Sums of any two people counts, their averages, every sum of the city figures, and the sum of all."""
    totals = {a + b for a, b in itertools.combinations(PEOPLE, 2)}
    totals |= {(a + b) // 2 for a, b in itertools.combinations(PEOPLE, 2) if (a + b) % 2 == 0}
    for size in range(2, len(MEMBERS_PER_CITY) + 1):
        totals |= {sum(c) for c in itertools.combinations(MEMBERS_PER_CITY, size)}
    totals.add(sum(PEOPLE))
    # Small sums collide with counts of initiatives and with years, and some with a number the report states
    # itself (2,800 + 2,200 members is 5,000, Frivillignet's figure): those are not totals of figures.
    return {total for total in totals if total >= 1000 and not 1800 <= total <= 2200} - STATED


def numbers_in(text):
    return {int(re.sub(r"[,.]", "", match)) for match in re.findall(r"\d{1,3}(?:[,.]\d{3})+|\d+", text)}
