from .catalogue import initiative_list
from .compare import compare, compare_csv
from .pages import (
    BeneficiaryGroupDetailView,
    BeneficiaryGroupListView,
    HomeView,
    InitiativeDetailView,
    PlaceDetailView,
    PlaceListView,
    SourceDetailView,
    SourceListView,
    ThemeDetailView,
    ThemeListView,
)

__all__ = [
    "BeneficiaryGroupDetailView",
    "BeneficiaryGroupListView",
    "compare",
    "compare_csv",
    "HomeView",
    "InitiativeDetailView",
    "initiative_list",
    "PlaceDetailView",
    "PlaceListView",
    "SourceDetailView",
    "SourceListView",
    "ThemeDetailView",
    "ThemeListView",
]
