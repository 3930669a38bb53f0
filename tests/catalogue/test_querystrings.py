"""Canonical query strings, shared by the list's filters and the comparison grid's columns."""

from django.http import QueryDict

from initiatives.catalogue.querystrings import QueryString, given
from initiatives.compare.selection import Selection, query


def test_the_lists_repeated_filters_are_sorted_and_each_kept_once():
    params = QueryDict("theme=sport&q=&theme=art&theme=sport&era=new&era=old")
    assert str(QueryString(params, ["q", "theme", "era"], ["theme"])) == "?theme=art&theme=sport&era=old"


def test_a_single_valued_parameter_given_more_than_once_keeps_the_value_given_last():
    params = QueryDict("q=new&q=%00&q=new&era=old&era=new")
    assert str(QueryString(params, ["q", "era"], [])) == "?q=new&era=new"


def test_the_grids_columns_keep_the_order_given_each_once_without_blanks():
    params = QueryDict("i=b&i=%20&i=a&i=b&x=1")
    assert str(QueryString(params, ["i"], ordered=["i"])) == "?i=b&i=a"


def test_a_comparison_address_is_built_from_its_slugs_in_their_order():
    assert query(["venligboerne", "get2sport"]) == "?i=venligboerne&i=get2sport"
    assert query([]) == ""


def test_reading_a_comparison_gives_its_canonical_address():
    selection = Selection.read(QueryDict("i=b&i=a&i=b&i=&other=1"))
    assert (selection.slugs, selection.duplicates, selection.canonical) == (["b", "a"], ["b"], "?i=b&i=a")


def test_toggling_a_column_on_keeps_the_others_in_place():
    columns = QueryString.of({"i": ["c", "a"]}, ["i"], ordered=["i"])
    assert str(columns.toggled("i", "b")) == "?i=c&i=a&i=b"
    assert str(columns.toggled("i", "c")) == "?i=a"


def test_the_address_as_given_keeps_every_parameter_and_repeat():
    assert given(QueryDict("i=b&i=b&x=%20")) == "?i=b&i=b&x=+"
    assert given(QueryDict("")) == ""
