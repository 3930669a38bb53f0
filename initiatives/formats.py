"""Amounts as the active language writes them, for the models' own names and for the wording of facts alike."""

from django.utils.formats import number_format


def money(currency, amount, space=" "):
    """The amount with the active language's digit grouping: DKK 1,500,000 in English, DKK 1.500.000 in Danish."""
    whole = amount == amount.to_integral_value()
    return f"{currency}{space}{number_format(amount, decimal_pos=0 if whole else 2, force_grouping=True)}"
