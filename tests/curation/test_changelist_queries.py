"""Changelists cost the same number of queries for 3 rows as for 30."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.curation.conftest import CATALOGUE_MODELS, admin_url, make_record

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("model", CATALOGUE_MODELS, ids=[model._meta.label for model in CATALOGUE_MODELS])
def test_changelist_query_count_does_not_grow_with_rows(curator_client, django_assert_num_queries, model):
    # A column that follows a foreign key without list_select_related costs a query per row.
    url = admin_url(model, "changelist")
    for _ in range(3):
        make_record(model)
    with CaptureQueriesContext(connection) as small:
        curator_client.get(url)

    for _ in range(27):
        make_record(model)
    with django_assert_num_queries(len(small)):
        response = curator_client.get(url)
    assert response.context["cl"].result_count == model.objects.count() >= 30
