from . import licence as data_licence
from .models import Source


def reports(request):
    """The reports the catalogue is transcribed from, named in every page's footer (queried only if shown)."""
    return {"reports": Source.objects.reports()}


def licence(request):
    """The licence of the catalogue's data, stated in every page's footer."""
    return {"licence": data_licence.licence()}
