"""bench/filter_audit.py: its list of filters stays the coder's (a filter added or renamed in
eventwire.events.admissible must be audited too), and switching one off lets its candidates through.

Written for the eventwire project (issue 13); the sentence is the project's own.
"""

from __future__ import annotations

from typing import Any

import pytest
from script_support import load_script

from eventwire.events import admissible


@pytest.fixture(scope="module")
def audit() -> Any:
    return load_script("bench/filter_audit.py")


def test_every_filter_names_an_attribute_of_its_module(audit: Any) -> None:
    for f in audit.FILTERS:
        assert hasattr(f.module, f.name), f.label


def test_every_check_of_admitted_candidate_is_audited(audit: Any) -> None:
    audited = {f.name for f in audit.FILTERS if f.module is admissible}
    called = {name for name in admissible.admitted_candidate.__code__.co_names
              if name.startswith("is_") or name.endswith("_target") or name == "needs_target"}
    assert called - audited == set()


def test_a_filter_switched_off_lets_everything_through(audit: Any) -> None:
    unasserted = next(f for f in audit.FILTERS if f.name == "is_unasserted")
    with audit._switched_off(unasserted):
        assert admissible.is_unasserted(object()) is False
    actor = next(f for f in audit.FILTERS if f.name == "is_actor_argument")
    with audit._switched_off(actor):
        assert admissible.is_actor_argument(object(), object()) is True
