"""Why real-news sentences produce no event: the "sentence_not_coded" misses of bench/realnews.py, by cause.

Written for the eventwire project (issue 13). For every gold event of a split whose sentence got no stored
event, the article is parsed again and the coder's steps are read for that sentence: the actor
mentions, the lexicon rules firing and the arguments they find, the candidates and what dropped them.
Each miss gets the first cause that applies:

* actor not a mention (source / target / both): the gold actor is no actor of the sentence as the
  argument finder reads it -- neither a resolver mention nor what :meth:`ActorIndex.actor_for` makes of
  a noun, number or pronoun there (a resolved pronoun, a quoted "we", an unresolved common noun such
  as "critics"); what remains is mostly a pronoun with no antecedent found -- the actor layer's side;
* no trigger or statement: both actors are mentions, but no rule fires and no statement is offered;
* no rule of the gold type: rules fire, but none of the gold event's PLOVER type, and no candidate that
  could take that type (a rule of it, or of another type on the same word; a model-only verb or
  statement) is offered -- the lexicon has no word for this event here, whatever fires elsewhere;
* trigger, no arguments: a rule of the gold type fires, but no candidate comes of it (no source from the parse);
* trigger with source, no target: the rule needs a target and none was found;
* left to the model: a candidate of the gold pair (a proposed target, a statement, a verb between the two
  actors) was not read within the model budget, or the model did not confirm it;
* model candidates, none of the gold pair: the model's candidates of the sentence that could take the
  gold type link other actors ("the minister" for the gold's name, "he" and the wrong object of "said"):
  the argument finder's side, not the model's (on the train even half, main at 05ec8ae, 124 of the 206
  misses once called "left to the model"; of the other 82, about 70 were not read within the budget);
* other filter: a self-directed pair, a rule without a PLOVER type, a model probability below its floor.

    python bench/realnews.py --split tune --keep /tmp/rn      # code the gold, keep the database
    python bench/realnews_misses.py --keep /tmp/rn [--list]   # the causes (and each miss with --list)

Only the training splits (``tune``, and ``train`` of ``wikinews_train_gold.jsonl``) are listed:

    python bench/realnews.py --gold bench/realnews/wikinews_train_gold.jsonl --keep /tmp/rnt
    python bench/realnews_misses.py --keep /tmp/rnt --gold bench/realnews/wikinews_train_gold.jsonl --split train --list

``--rules`` (with ``--list``) prints each miss's whole sentence and the lexicon rules firing in it, the view
that groups "trigger, no arguments" and "no target" misses by rule and construction; a rule that can make
an event of the gold type is starred (``met:040.meet*``), and "no rule of the gold type" misses list the
words the lexicon lacks.

The held-out splits (``check``, and the ``outside`` gold of
``aeb_outside_gold.jsonl``) may be counted, never listed, so that they stay held out (docs/annotation.md):

    python bench/realnews.py --shared ../shared --gold bench/realnews/aeb_outside_gold.jsonl --keep /tmp/rno
    python bench/realnews_misses.py --keep /tmp/rno --gold bench/realnews/aeb_outside_gold.jsonl --split outside
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from eventwire.eval.gold import TRAINING_SPLITS, GoldEvent, distributed_texts, load_gold  # noqa: E402
from eventwire.eval.realnews import Produced, _actors_match, _same_sentence, tokens  # noqa: E402
from eventwire.eval.report import stored_events  # noqa: E402
from eventwire.events import coder  # noqa: E402
from eventwire.events.candidates import query  # noqa: E402
from eventwire.events.classifier import get_classifier  # noqa: E402
from eventwire.events.combine import rule_plover_type  # noqa: E402
from eventwire.events.lexicon import get_lexicon  # noqa: E402
from eventwire.events.mentions import ActorIndex  # noqa: E402
from eventwire.events.ontology import canonical_plover  # noqa: E402
from eventwire.events.reported import ReportedSpeech  # noqa: E402
from eventwire.events.scoring import score_queries  # noqa: E402
from eventwire.stages import _article_for_text, coding_stages  # noqa: E402

GOLD = ROOT / "bench" / "realnews" / "wikinews_dev_gold.jsonl"


def _words(text: str | None) -> list[str]:
    return "".join(ch if ch.isalnum() else " " for ch in (text or "").lower()).split()


def _is_mention(text: str | None, mentions: list[str]) -> bool:
    """Whether a gold actor span is an actor mention of the sentence (as the scorer compares spans)."""
    if text is None:
        return True
    gold = _words(text)
    for mention in mentions:
        made = _words(mention)
        if gold and made and (gold[-1] == made[-1] or " ".join(made) in " ".join(gold) or " ".join(gold) in " ".join(made)):
            return True
    return False


# parts of speech whose tokens the argument finder reads as actors (nouns, names, pronouns, bare numbers)
_ARGUMENT_POS = frozenset({"NOUN", "PROPN", "PRON", "NUM"})


def _sentence_actors(index: ActorIndex, sent: Any) -> list[str]:
    """The actor spans the argument finder can read in a sentence: what it makes of each noun, name,
    pronoun and number there, as a source and as a target. The resolver's mentions alone overstate the
    actor layer's misses: pronouns are resolved, and common nouns ("critics") read, at event level
    (on the train split, 506 misses counted by mentions alone)."""
    found = []
    for token in sent:
        if token.pos_ in _ARGUMENT_POS:
            for as_source in (True, False):
                actor = index.actor_for(token, as_source=as_source)
                if actor is not None:
                    found.append(actor.text)
    return found


def _of_type(cameo: str | None, plover: str, alternatives: Iterable[str] = ()) -> bool:
    """Whether a rule (its CAMEO code, and the PLOVER types other rules on its word offer) can make an event
    of the gold type; a model-only candidate (no code) can make any."""
    return cameo is None or plover in {rule_plover_type(cameo), *alternatives}


def _cause(gold: GoldEvent, mentions: list[str], fired: list[str], dropped: list[tuple[str, bool]]) -> str:
    """The first cause that applies to a missed gold event. ``fired`` holds the codes of the rules
    firing in its sentence, ``dropped`` why each candidate of the sentence was dropped, with whether it
    could take the gold type: an unrelated rule firing elsewhere in the sentence says nothing of why this
    event was lost (on the train even half, 130 of the 779 misses were so labelled although no rule or
    candidate of the gold type was there)."""
    source_ok = _is_mention(gold.source.text if gold.source else None, mentions)
    target_ok = _is_mention(gold.target.text if gold.target else None, mentions)
    if not (source_ok and target_ok):
        return "actor not a mention: " + ("both" if not (source_ok or target_ok) else "source" if not source_ok else "target")
    if not fired and not dropped:
        return "no trigger or statement"
    plover = canonical_plover(gold.plover)
    lost = [why for why, could in dropped if could]  # the candidates that could have been the gold event
    if not lost and not any(_of_type(code, plover) for code in fired):
        return "no rule of the gold type"
    if not lost:
        return "trigger, no arguments"
    if "no target" in lost:
        return "trigger with source, no target"
    if "model" in lost:
        return "left to the model"
    if ANOTHER_PAIR in lost:
        return "model candidates, none of the gold pair"
    return "other filter"


def _best_sentence(gold: str, sents: list[Any]) -> tuple[int, Any]:
    """The parsed sentence that is the gold sentence: of those ``_same_sentence`` accepts, the one sharing
    the most words with it. The first accepted one was often a short line contained in it (a heading, a
    "he said." piece), whose mentions then miss the gold actors (35 of 126 spans on the outside gold)."""
    wanted = Counter(tokens(gold))
    accepted = [(i, s) for i, s in enumerate(sents) if _same_sentence(gold, s.text)]
    return max(accepted, key=lambda pair: sum(min(n, wanted[w]) for w, n in Counter(tokens(pair[1].text)).items()),
               default=(-1, None))


# why a model candidate was dropped when its actors are not the gold event's: no reading of it could be that event
ANOTHER_PAIR = "model, another pair"


def _has_pair(gold: GoldEvent, cand: Any) -> bool:
    """Whether a candidate links the gold event's actors, as the scorer matches them."""
    made = Produced(sentence=gold.sentence, source_text=cand.source.actor.text, source_code=None,
                    target_text=cand.target.actor.text if cand.target else None, target_code=None, plover="")
    return all(_actors_match(gold, made)[:2])


def _why_dropped(doc, article, cand, probs, gold: GoldEvent) -> str:  # type: ignore[no-untyped-def]
    """What dropped one candidate: the model (not read, or not confirming) -- or, when it links other actors
    than the gold event's, ANOTHER_PAIR --, a missing target, else a filter."""
    if coder._decide_all(doc, article, [cand], [probs], "m"):
        return "kept alone (dropped with the others of its sentence)"
    if cand.model_target or cand.cameo is None:
        return "model" if _has_pair(gold, cand) else ANOTHER_PAIR
    return "no target" if cand.target is None else "other"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", type=Path, required=True, help="folder bench/realnews.py --keep wrote")
    parser.add_argument("--list", action="store_true", help="print each miss with its cause (training splits only: tune, train)")
    parser.add_argument("--rules", action="store_true",
                        help="with --list: print the whole sentence and the lexicon rules firing in it (word:rule), "
                             "to group the misses by the construction that loses them")
    parser.add_argument("--gold", type=Path, default=GOLD, help="gold file (default: the Wikinews development gold)")
    parser.add_argument("--split", default="tune", help="split to read (held-out splits are counted only)")
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared",
                        help="shared data folder, for gold files that name their article instead of carrying it")
    args = parser.parse_args()
    if args.list and args.split not in TRAINING_SPLITS:  # the others are held out: counted, never printed
        parser.error(f"--list prints sentences; the {args.split!r} split is held out, so only its counts are shown")
    every = load_gold(args.gold)
    texts = distributed_texts(args.shared, {a.id for a in every if not a.text})
    every = [a if a.text else replace(a, text=texts.get(a.id, "")) for a in every]
    made = stored_events(args.keep / "gold.duckdb", [a.id for a in every])
    stages, lexicon, classifier = coding_stages(), get_lexicon(), get_classifier()
    causes: Counter[str] = Counter()
    for gold_article in (a for a in every if a.split == args.split and a.text):
        produced = made.get(gold_article.id, [])
        missed = [g for g in gold_article.events if not any(_same_sentence(g.sentence, m.sentence) for m in produced)]
        if not missed:
            continue
        article = replace(_article_for_text(gold_article.text, gold_article.published), id=gold_article.id,
                          title=gold_article.title)
        for doc, _ in stages.parse([(article.text, None)]):
            actors = stages.actors(doc, article)
            cands = coder._gather(doc, article, actors, lexicon, classifier is not None)
            index = ActorIndex(doc, actors)  # after _gather, which mends the parse as the coder reads it
            ReportedSpeech(doc, article, actors, index)  # sets the quotations' voices: who "we" is
            probs = score_queries(classifier, [(len(doc), [query(c) for c in cands])])[0] if classifier else [None] * len(cands)
            for g in missed:
                sent_i, sent = _best_sentence(g.sentence, list(doc.sents))
                if sent is None:
                    causes["sentence not found in the parse"] += 1
                    continue
                mentions = [a.text for a in actors if sent.start_char <= a.start < sent.end_char]
                mentions += _sentence_actors(index, sent)
                matches = [(t, m) for t in sent for m in lexicon.match(t)]
                plover = canonical_plover(g.plover)
                # a rule of the gold type is starred, so that --rules shows which word could have carried it
                rules = [f"{t.text}:{m.rule_id}{'*' if _of_type(m.cameo, plover) else ''}" for t, m in matches]
                dropped = [(_why_dropped(doc, article, c, p, g), _of_type(c.cameo, plover, c.alternatives))
                           for c, p in zip(cands, probs, strict=True) if c.sentence_index == sent_i]
                cause = _cause(g, mentions, [m.cameo for _, m in matches], dropped)
                causes[cause] += 1
                if args.list:
                    print(f"{cause:45} {g.plover:9} {g.source.text if g.source else None} -> "
                          f"{g.target.text if g.target else None} | {g.sentence if args.rules else g.sentence[:120]}")
                    if args.rules:
                        print(f"{'':45} rules: {' '.join(rules) or '-'}")
    print(f"sentence_not_coded misses on {args.split}, by cause ({sum(causes.values())}):")
    for cause, n in causes.most_common():
        print(f"  {n:4}  {cause}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
