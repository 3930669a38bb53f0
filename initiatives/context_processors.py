from .models import Source


def reports(request):
    """The reports the catalogue is transcribed from, named in every page's footer (queried only if shown)."""
    return {"reports": Source.objects.reports()}
