from .catalogue import InitiativeListView
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
    "InitiativeListView",
    "PlaceDetailView",
    "PlaceListView",
    "SourceDetailView",
    "SourceListView",
    "ThemeDetailView",
    "ThemeListView",
]
