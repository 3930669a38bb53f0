from .catalogue import initiative_list
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
