from django.views.generic import ListView

from ..models import Initiative


class InitiativeListView(ListView):
    queryset = Initiative.objects.with_related()
