"""Evaluation against gold data: the real-news development gold (``gold``) and its scorer (``realnews``).

Written for the eventwire project. Nothing here runs in the pipeline; the event coder never imports it.
"""

__all__: list[str] = []
