"""The event coder on mutated sentences: no exception, and every event is well-formed (offsets in
range, trigger text is the sentence slice, known CAMEO code, ISO date). bench/fuzz.py runs the same
checks on 20,000 inputs; this keeps a small, fast sample in the suite."""

from __future__ import annotations

import pytest
from fuzz_support import check_events
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

WORDS = st.sampled_from([
    "Russia", "Ukraine", "the United States", "President", "Putin", "he", "she", "they", "it", "NATO", "Hamas",
    "Israel", "said", "attacked", "condemned", "did", "not", "will", "may", "called", "for", "talks", "with",
    "on", "Monday", "last", "week", "in", "Kyiv", "2024-13-45", "0000-00-00", "June", "31", "'s", "?", ",", ".",
    "“", "”", "\u200b", "\n\n", "(", ")", "and", "of", "the", "sanctions", "against", "met", "rejected", "its",
])
SENTENCES = st.lists(WORDS, min_size=1, max_size=40).map(" ".join)
SLOW = settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SLOW
@given(SENTENCES, st.sampled_from([None, "2024-03-11", "0001-01-01", "9999-12-31T23:59+14:00", "soon"]))
def test_code_text_gives_well_formed_events(text: str, published: str | None) -> None:
    import eventwire

    check_events(eventwire.code_text(text, published=published), text)


@pytest.mark.parametrize(("text", "published"), [
    ("Russia attacked Ukraine on 2024-03-05.", "0001-01-01"),  # crashed: publication minus 45 days < year 1
    ("Russia attacked Ukraine last month.", "9999-12"),  # "9999-12" has no next month
    ("Russia attacked Ukraine on 0000-00-00.", "2024-03-11"),  # came back as the event's date
    ("Russia will attack Ukraine next December.", "9999-12-31"),  # year 10000
])
def test_dates_at_the_ends_of_the_calendar(text: str, published: str) -> None:
    import eventwire

    events = eventwire.code_text(text, published=published)
    check_events(events, text)
    assert events, "the sentence still gives its event"


def test_a_run_on_sentence_is_coded_in_bounded_time() -> None:
    # 3,000 tokens without a full stop: every trigger used to cost a classifier pass (90 s measured)
    import time

    import eventwire

    text = "Israeli strikes hit southern Lebanon and Hezbollah fires rockets as Russia condemned Ukraine on Monday " * 200
    started = time.perf_counter()
    events = eventwire.code_text(text, published="2024-03-11")
    assert time.perf_counter() - started < 60
    check_events(events, text)
