"""The one comma-separated list reader (:func:`solidcell.checks.comma_items`) of the CLI's list
options and of :func:`solidcell.simulation.runs.parse_temperatures`: properties that must hold."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from solidcell.checks import comma_items, item_field
from solidcell.errors import ValidationError
from solidcell.simulation.runs import parse_temperatures

WORDS = st.lists(st.text(alphabet="abcXYZ019", min_size=1, max_size=5), min_size=1, max_size=6)


@given(WORDS)
def test_items_come_back_in_order_whatever_the_spaces(words):
    assert comma_items("--x", " , ".join(words), "words") == words


@given(WORDS, st.data())
def test_an_empty_item_is_named_by_its_position(words, data):
    k = data.draw(st.integers(0, len(words)))
    typed = [*words[:k], "", *words[k:]]
    with pytest.raises(ValidationError) as caught:
        comma_items("--x", ",".join(typed), "words")
    expected = f"--x (item {k + 1} of {len(typed)})"
    assert caught.value.field == item_field("--x", k, len(typed)) == expected


def test_a_single_item_is_named_by_the_field_alone_on_both_readers():
    with pytest.raises(ValidationError) as cli:
        comma_items("--rates", "x", "numbers", float)
    with pytest.raises(ValidationError) as engine:
        parse_temperatures("25", "--temperatures")
    assert (cli.value.field, engine.value.field) == ("--rates", "--temperatures")
    assert engine.value.value == "25" and "unit" in engine.value.allowed


def test_an_empty_text_says_leave_out_only_where_the_field_is_optional():
    with pytest.raises(ValidationError) as optional:
        comma_items("--rates", " , ", "numbers")
    with pytest.raises(ValidationError) as required:
        parse_temperatures(" , ")
    assert "leave --rates out" in optional.value.allowed
    assert "leave" not in required.value.allowed and required.value.field == "temperatures"


def test_none_means_not_given():
    assert comma_items("--rates", None, "numbers") is None
