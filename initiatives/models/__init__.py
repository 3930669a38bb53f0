from .addresses import FormerSlug
from .facet_keys import FacetCount, FacetKey
from .facts import Award, Figure, Finding, Funding
from .imports import CatalogueImport
from .initiative import Initiative
from .places import Place, Reach
from .search_document import SearchDocument
from .sources import Source
from .taxonomy import BeneficiaryGroup, Measure, Theme

__all__ = [
    "Award",
    "BeneficiaryGroup",
    "CatalogueImport",
    "FacetCount",
    "FacetKey",
    "Figure",
    "Finding",
    "FormerSlug",
    "Funding",
    "Initiative",
    "Measure",
    "Place",
    "Reach",
    "SearchDocument",
    "Source",
    "Theme",
]
