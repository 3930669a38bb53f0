from .addresses import FormerSlug
from .facts import Award, Figure, Finding, Funding
from .imports import CatalogueImport
from .initiative import Initiative
from .places import Place, Reach
from .sources import Source
from .taxonomy import BeneficiaryGroup, Measure, Theme

__all__ = [
    "Award",
    "BeneficiaryGroup",
    "CatalogueImport",
    "Figure",
    "Finding",
    "FormerSlug",
    "Funding",
    "Initiative",
    "Measure",
    "Place",
    "Reach",
    "Source",
    "Theme",
]
