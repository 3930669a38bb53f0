from django.apps import AppConfig
from django.db import connections
from django.db.backends.signals import connection_created

from .catalogue.search import register_unaccent


class InitiativesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "initiatives"

    def ready(self):
        # The signals work on the models, which an app's module cannot import before the apps are ready.
        from . import caching, signals

        signals.connect()
        caching.connect()
        connection_created.connect(register_unaccent, dispatch_uid="initiatives-sqlite-unaccent")
        for connection in connections.all(initialized_only=True):
            if connection.connection is not None:  # opened before the receiver was connected
                register_unaccent(type(connection), connection)
