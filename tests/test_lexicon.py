"""The event lexicon: its data covers CAMEO, its matcher finds the right rule, user files extend it."""

from __future__ import annotations

from pathlib import Path

import pytest
from events_support import code
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventwire import nlp
from eventwire.errors import ConfigError
from eventwire.events.lexicon import BUILTIN_DIR, Lexicon, LexMatch, get_lexicon, lexicon_in_use
from eventwire.events.ontology import PLOVER_TYPES, all_codes, cameo_info

LEXICON = get_lexicon()


def matches_on(sentence: str, word: str) -> tuple[list[LexMatch], list[str]]:
    """The matches on the first token whose text is ``word``, and the doc's token texts."""
    doc = next(nlp.parse_many([sentence]))
    token = next(t for t in doc if t.text == word)
    return LEXICON.match(token), [t.text for t in doc]


def best(sentence: str, word: str) -> LexMatch:
    found, _ = matches_on(sentence, word)
    assert found, f"no rule fired on {word!r} in {sentence!r}"
    return found[0]


# ------------------------------------------------------------------ the data
def test_lexicon_is_broad() -> None:
    assert len(LEXICON) >= 400
    roots = {e.cameo[:2] for e in LEXICON.entries.values()}
    assert roots == {f"{r:02d}" for r in range(1, 21)}
    codes = {e.cameo for e in LEXICON.entries.values()}
    assert sum(len(c) == 4 for c in codes) >= 60
    assert len(codes) >= 0.7 * len(all_codes())
    types = {cameo_info(c).plover_type for c in codes}
    assert set(PLOVER_TYPES) <= types


def test_entries_are_well_formed() -> None:
    for entry in LEXICON.entries.values():
        assert entry.id.startswith(entry.cameo + "."), f"{entry.id}: ids start with their code"
        for lemma in entry.lemmas:
            assert lemma == lemma.lower().strip() and "  " not in lemma, entry.id
        assert 0 < entry.weight <= 1
        if entry.objects is not None:
            assert entry.objects, entry.id


def test_builtin_files_have_no_duplicate_ids() -> None:
    # load() refuses duplicates among the built-in files; this makes sure the files are all read
    assert len(list(BUILTIN_DIR.glob("*.yaml"))) >= 10
    assert Lexicon.load() is not LEXICON and len(Lexicon.load()) == len(LEXICON)


# ------------------------------------------------------------------ matching: the brief's examples
def test_the_coders_own_checks_see_a_users_rules(tmp_path: Path) -> None:
    # written for the eventwire project: the agent of "were shot dead as police <verb> the crowd" is
    # read from the clause only when its verb is a trigger of force (eventwire.events.agents.clause_doer),
    # a check deep in the coder that takes no lexicon argument; a verb the user's file makes one counts
    extra = _write(tmp_path, "force.yaml",
                   'version: 1\nentries:\n  - {id: "175.t_hose", cameo: "175", pos: VERB, lemmas: [hose], weight: 0.8}\n')
    text = "Two students were shot dead as Kenyan police hosed the crowd in Nairobi."

    def pairs(lexicon: Lexicon) -> set[tuple[str, str | None]]:
        return {(e.source.text, e.target.text if e.target else None) for e in code(text, lexicon)}

    assert ("Kenyan police", "Two students") not in pairs(LEXICON)
    assert ("Kenyan police", "Two students") in pairs(get_lexicon([extra]))
    assert lexicon_in_use() is LEXICON  # the call's lexicon is not left behind for the next one


@pytest.mark.parametrize(
    ("sentence", "word", "prefix"),
    [
        ("Government troops routed the rebels near the border.", "routed", "190"),
        ("The Senate blocked an extension of the programme.", "blocked", "12"),
        ("The army launched a crackdown on protesters.", "crackdown", "17"),
        ("The two countries resumed cooperation last year.", "resumed", "06"),
        ("Russia accused Ukraine of shelling civilians.", "accused", "112"),
        ("The opposition called for new talks.", "called", "10"),
        ("The European Union condemned the bombing.", "condemned", "111"),
        ("The ACLU sued the FBI.", "sued", "115"),
        ("Police arrested three journalists.", "arrested", "173"),
        ("Kenya expelled the journalist.", "expelled", "174"),
        ("Israel withdrew troops from Gaza.", "withdrew", "0874"),
        ("Obama urged Iran to release the prisoners.", "urged", "1053"),
        ("The government refused to release the prisoners.", "refused", "1243"),
        ("Israel and Hamas agreed to a ceasefire.", "agreed", "0356"),
        ("Jets carried out air strikes on rebel positions.", "strikes", "195"),
        ("North Korea test-fired a ballistic missile.", "fired", "150"),
        ("The junta declared a state of emergency.", "declared", "1724"),
        ("Hamas released two hostages.", "released", "0841"),
        ("A suicide bomber blew himself up at a market.", "bomber", "1831"),
        # predicate adjectives (pos ADJ)
        ("The opposition was highly critical of the budget.", "critical", "111"),
        ("Russia was angry with France over the decision.", "angry", "110"),
        # written for the project: each adjective of displeasure with each preposition that names whom
        ("The farm lobby remains upset at the trade minister.", "upset", "110"),
        ("The senators were furious about the envoy's remarks.", "furious", "110"),
        ("The senator is supportive of the plan.", "supportive", "051"),
    ],
)
def test_brief_examples(sentence: str, word: str, prefix: str) -> None:
    assert best(sentence, word).cameo.startswith(prefix)


def test_light_verb_object_decides_and_gives_target_preposition() -> None:
    found, tokens = matches_on("The US imposed sanctions on Iran.", "imposed")
    match = found[0]
    assert match.cameo == "163"
    assert "on" in match.target_preps and not match.object_is_target
    assert match.object_i is not None and tokens[match.object_i] == "sanctions"


def test_multiword_triggers_cover_all_their_tokens() -> None:
    called, tokens = matches_on("The opposition called for new talks.", "called")
    assert tokens[called[0].trigger_start : called[0].trigger_end] == ["called", "for"]
    stepped, tokens = matches_on("Police stepped up patrols in the capital.", "stepped")
    assert stepped[0].cameo == "151"
    assert tokens[stepped[0].trigger_start : stepped[0].trigger_end] == ["stepped", "up"]
    talks, tokens = matches_on("The two sides held peace talks in Oslo.", "talks")
    assert talks[0].cameo == "046" and talks[0].symmetric
    assert tokens[talks[0].trigger_start : talks[0].trigger_end] == ["peace", "talks"]


def test_symmetric_summit_noun() -> None:
    match = best("A summit between France and Germany opened in Paris.", "summit")
    assert match.cameo.startswith("04") and match.symmetric and "between" in match.target_preps


def test_ambiguous_hit_needs_a_military_reading() -> None:
    found, _ = matches_on("The crisis hit the economy hard.", "hit")
    assert not any(m.cameo.startswith(("18", "19")) for m in found)
    strike, _ = matches_on("Workers staged a general strike.", "strike")
    assert strike[0].cameo == "143"


def test_a_noun_modifying_a_noun_is_not_an_event() -> None:
    found, _ = matches_on("Militants kidnapped two aid workers.", "aid")
    assert found == []


def test_most_specific_rule_comes_first_and_one_match_per_rule() -> None:
    found, _ = matches_on("The rebels appealed for calm.", "appealed")
    assert found[0].cameo == "0256"
    assert len({m.rule_id for m in found}) == len(found)


# ------------------------------------------------------------------ user files and validation
def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_an_object_read_through_a_prep_not_is_another_sense(tmp_path: Path) -> None:
    # written for the eventwire project: "fire" + an official is a dismissal, "fire on" one is no dismissal
    extra = _write(
        tmp_path,
        "senses.yaml",
        "version: 1\nentries:\n"
        '  - {id: "172.t_dismiss", cameo: "172", pos: VERB, lemmas: [fire], objects: [mayor], preps_not: [on, at]}\n',
    )
    lexicon = Lexicon.load([extra], builtin=False)
    assert lexicon.entries["172.t_dismiss"].preps_not == ("on", "at")

    def rules(text: str) -> list[str]:
        return [m.rule_id for m in lexicon.match(next(t for t in nlp.parse(text) if t.lemma_ == "fire"))]

    assert rules("The council fired the mayor on Monday.") == ["172.t_dismiss"]
    assert rules("Two gunmen fired on the mayor outside his office.") == []


def test_user_file_adds_overrides_and_removes_rules(tmp_path: Path) -> None:
    extra = _write(
        tmp_path,
        "mine.yaml",
        "version: 1\nentries:\n"
        '  - {id: "111.criticize", cameo: "110", pos: VERB, lemmas: [criticize]}\n'
        '  - {id: "1121.frame", cameo: "1121", pos: VERB, lemmas: [frame], target_preps: [on, for]}\n'
        '  - {id: "115.sue", enabled: false}\n',
    )
    lexicon = Lexicon.load([extra])
    assert lexicon.entries["111.criticize"].cameo == "110"
    assert lexicon.entries["1121.frame"].target_preps == ("on", "for")  # YAML 'on' stays a word
    assert "115.sue" not in lexicon.entries
    assert len(lexicon) == len(LEXICON)
    assert get_lexicon([extra]) is get_lexicon([str(extra)])


@pytest.mark.parametrize(
    ("entry", "complaint"),
    [
        ('{id: "x.1", cameo: "999", pos: VERB, lemmas: [x]}', "not a CAMEO event code"),
        ('{id: "x.2", cameo: 190, pos: VERB, lemmas: [x]}', "not a CAMEO event code"),
        ('{id: "x.3", cameo: "190", pos: ADV, lemmas: [x]}', "must be VERB, NOUN or ADJ"),
        ('{id: "x.4", cameo: "190", pos: VERB, lemmas: [x], colour: red}', "unknown field"),
        ('{id: "x.5", cameo: "190", pos: VERB, lemmas: [x], weight: 2}', "'weight'"),
        ('{id: "x.6", cameo: "190", pos: VERB}', "'lemmas' is missing"),
        ('{id: "x.7", cameo: "190", pos: VERB, lemmas: [x], symmetric: maybe}', "true or false"),
        ('{cameo: "190", pos: VERB, lemmas: [x]}', "no 'id'"),
    ],
)
def test_bad_entries_name_the_file_and_entry(tmp_path: Path, entry: str, complaint: str) -> None:
    path = _write(tmp_path, "bad.yaml", f"version: 1\nentries:\n  - {entry}\n")
    with pytest.raises(ConfigError, match=complaint) as info:
        Lexicon.load([path])
    assert "bad.yaml" in str(info.value)


def test_bad_files_are_refused(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="version: 1"):
        Lexicon.load([_write(tmp_path, "v2.yaml", "version: 2\nentries: []\n")])
    with pytest.raises(ConfigError, match="not valid YAML"):
        Lexicon.load([_write(tmp_path, "broken.yaml", "version: 1\nentries: [\n")])
    with pytest.raises(ConfigError, match="cannot read"):
        Lexicon.load([tmp_path / "missing.yaml"])


# ------------------------------------------------------------------ properties of any match
WORDS = [
    "the",
    "army",
    "police",
    "rebels",
    "Iran",
    "France",
    "attacked",
    "condemned",
    "talks",
    "held",
    "called",
    "for",
    "on",
    "sanctions",
    "imposed",
    "released",
    "prisoners",
    "strike",
    "hit",
    "the",
    "economy",
    "refused",
    "to",
    "meet",
    "protest",
    "ceasefire",
    "withdrew",
    "troops",
    "from",
    "and",
    "peace",
    "aid",
    "workers",
]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(WORDS), min_size=2, max_size=14))
def test_matches_are_well_formed_for_any_sentence(words: list[str]) -> None:
    doc = next(nlp.parse_many([" ".join(words) + "."]))
    for token in doc:
        found = LEXICON.match(token)
        assert len({m.rule_id for m in found}) == len(found)
        for match in found:
            assert 0 <= match.trigger_start <= token.i < match.trigger_end <= len(doc)
            assert match.object_i is None or 0 <= match.object_i < len(doc)
            assert cameo_info(match.cameo).code == match.cameo


def test_a_modal_is_never_read_as_a_trigger_with_an_added_e() -> None:
    # written for the eventwire project: "can" must not match the 182 rule's "cane"
    from eventwire import nlp
    from eventwire.events.lexicon import get_lexicon

    doc = nlp.parse("You can disagree with the government without being disrespectful.")
    assert all(not get_lexicon().match(t) for t in doc if t.lower_ == "can")
