"""Splitting a pooled cost between Kommunen, to the cent (largest remainder method).

Pure functions on Decimals, so that the maths is tested without a database.
"""

from collections.abc import Hashable, Mapping
from decimal import ROUND_DOWN, Decimal

CENT = Decimal("0.01")
HUNDRED = Decimal("100")


class AllocationError(ValueError):
    """The key cannot split the amount (no weights, negative weights, not 100 %)."""


def allocate(total: Decimal, weights: Mapping[Hashable, Decimal | int]) -> dict:
    """Split `total` in proportion to `weights` so that the shares add up to the cent.

    Every share is first rounded down to the cent; the cents still missing go one each to the
    shares with the largest remainders (ties: in the order of `weights`).
    """
    total = Decimal(total)
    if total < 0:
        raise AllocationError("The amount cannot be negative.")
    keys = list(weights)
    if not keys:
        raise AllocationError("There is nobody to share the cost with.")
    values = [Decimal(weights[k]) for k in keys]
    if any(v < 0 for v in values):
        raise AllocationError("Weights cannot be negative.")
    weight_sum = sum(values)
    if weight_sum == 0:
        raise AllocationError("The weights add up to zero.")
    cents = int((total / CENT).to_integral_value())
    exact = [Decimal(cents) * v / weight_sum for v in values]
    floors = [int(x.to_integral_value(rounding=ROUND_DOWN)) for x in exact]
    missing = cents - sum(floors)
    order = sorted(range(len(keys)), key=lambda i: (-(exact[i] - floors[i]), i))
    for i in order[:missing]:
        floors[i] += 1
    return {k: Decimal(c) * CENT for k, c in zip(keys, floors, strict=True)}


def check_percentages(percentages: Mapping[Hashable, Decimal]) -> None:
    total = sum((Decimal(p) for p in percentages.values()), Decimal(0))
    if any(Decimal(p) < 0 for p in percentages.values()):
        raise AllocationError("Percentages cannot be negative.")
    if total != HUNDRED:
        raise AllocationError(f"The percentages add up to {total} %, not 100 %.")
