"""Development code, apart from the runtime: evaluation against gold data and training the classifier.

- ``gold`` and ``realnews``: the real-news development gold and its scorer; ``report`` renders it;
- ``coder``: the gold readers (plv_train, PLOVER and PETR2 GSR, seed_gold.json) and the event-coder scorer
  behind ``eventwire eval``;
- ``train`` and ``training_data``: training the PLOVER classifier (``make train``; torch, the ``train``
  extra).

Nothing here runs in the pipeline: no runtime module imports this package, except the ``eval``
command (tests/test_imports.py checks that no runtime module reaches torch or argparse).
"""

__all__: list[str] = []
