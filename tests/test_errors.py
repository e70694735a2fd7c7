"""Error messages name the field, the value and what is allowed, and stay readable."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from solidcell.errors import MAX_SHOWN, ValidationError


@given(st.text(max_size=5000))
def test_message_names_field_and_allowed_and_stays_short(value: str) -> None:
    err = ValidationError("cathode.thickness", value, "must be a length such as '80 um'")
    message = str(err)
    assert message.startswith("cathode.thickness: ")
    assert message.endswith("; must be a length such as '80 um'")
    assert len(message) <= len("cathode.thickness: ") + MAX_SHOWN + 60 + 40
    assert err.value == value  # the full input stays on the exception
    if len(repr(value)) <= MAX_SHOWN:
        assert repr(value) in message
    else:
        assert f"({len(repr(value))} characters)" in message


def test_validation_error_crosses_a_process_boundary() -> None:
    """Raised in a process-pool or Dask worker, the error must unpickle with its fields (its
    three-argument constructor broke the pool with BrokenProcessPool)."""
    import pickle

    from solidcell.errors import ValidationError

    err = pickle.loads(pickle.dumps(ValidationError("c_rates", float("nan"), "positive rates")))
    assert isinstance(err, ValidationError)
    assert (err.field, err.allowed) == ("c_rates", "positive rates")
    assert str(err).startswith("c_rates: nan is not allowed")
