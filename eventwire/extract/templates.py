"""Template residue in wiki text dumps: infobox labels, tables, parser tags, template fields.

A text dump of a wiki page flattens each template call to what was left of it: its name ("Middle East
infobox", "2003_Iraq_pre-war_intelligence_infobox", "InfoboxEnd"), its parameters ("infotitle=Oceania"),
an empty or filled table (``{| style="float:left" | |- | |}``), parser tags (``<noinclude>``,
``<nowiki>[</nowiki>``) and editors' comments (``<!-- start wikipedia links -->``). Glued to the first
sentence of the story ("rwanda burundi refugee infobox The UNHCR has criticised ...") the label was read
as the sentence's subject and became an event's actor; a comment or a table cell was read as a sentence.

None of it is article prose, whatever the template is called, so the rules key on the markup's shape,
never on template names: a label is a short run of words at the start of a text segment that ends in
the word "infobox"; a field is ``key=value`` at the start of a segment; a table runs from ``{|`` to
``|}``. A tag is dropped and its text kept ("<nowiki>[t]</nowiki>he" -> "[t]he"); a comment goes with its
text. Each cut leaves a paragraph break, so the story's first sentence starts where the residue ended.
"""

from __future__ import annotations

import re

__all__ = ["TEMPLATE_SIGNS", "strip_template_residue"]

# cheap test that a text holds any of the residue below (markup.strip_wiki_markup skips clean texts)
TEMPLATE_SIGNS = r"(?i:infobox|\{\||<!--|</?(?:nowiki|noinclude|includeonly|onlyinclude)\b|(?:^|\n|  )[ \t]*[a-z_]\w*=)"
# an editor's comment, "<!-- ... -->" (the dump may lose the end: then it runs to the paragraph gap)
_COMMENT = re.compile(r"<!--.*?(?:-->|(?=  )|(?=\n)|$)", re.DOTALL)
# a wiki table "{| ... |}": attributes, rows ("|-") and cells, never sentences of the story. Tables
# do not nest in these dumps; an unclosed "{|" loses only its attribute run (up to the first cell).
_TABLE = re.compile(r"\{\|.*?\|\}", re.DOTALL)
_OPEN_TABLE = re.compile(r"\{\|[^|\n]*")
# wiki parser tags and the layout tags that come with them: the tag goes, the text it wraps stays.
# A block tag leaves a paragraph gap (what follows starts a segment), an inline one nothing: the
# escape "<nowiki>[t]</nowiki>he" sits inside a word.
_BLOCK_TAG = re.compile(r"</?(?:noinclude|includeonly|onlyinclude|br|center|div|p)\b[^<>\n]{0,200}?/?>",
                        re.IGNORECASE)
_INLINE_TAG = re.compile(r"</?(?:nowiki|small|big|font|span)\b[^<>\n]{0,200}?/?>", re.IGNORECASE)
# where a segment of the flattened dump starts: the text's start, a line break, a paragraph gap (two
# spaces) or a sentence end
_SEGMENT_START = r"(?:^|(?<=\n)|(?<=  )|(?<=[.!?] ))[ \t]*"
# a template label: at most four words before a word that ends in "infobox" ("Wikinews Today short
# infobox", "human rights united states infobox", "Congo_Kinshasa_Infobox", "InfoboxEnd"). A word
# of the label holds no sentence punctuation, so a label never reaches back into a sentence.
_LABEL = re.compile(_SEGMENT_START + r"(?:[\w'&()-]+[ \t]+){0,4}?[\w-]*?infobox(?:end)?(?![\w-])",
                    re.IGNORECASE)
# an "infobox" word that no segment start precedes closely enough: only the word goes
_LABEL_WORD = re.compile(r"[\w-]*?(?:infobox|infosection)(?:end)?(?![\w-])", re.IGNORECASE)
# a template field "key=value" at the start of a segment, the value running to the next paragraph
# gap or line break ("infotitle=Saddam Hussein    InfoboxEnd  Saddam Hussein , deposed president")
_FIELD = re.compile(_SEGMENT_START + r"[A-Za-z_][\w]{0,30}=[^\n]*?(?=  |\n|$)")


def strip_template_residue(text: str, removed: list[tuple[str, str]]) -> str:
    """``text`` without template residue; each piece cut is appended to ``removed`` as (reason, text)."""
    def cut(pattern: re.Pattern[str], reason: str, source: str) -> str:
        def replace(match: re.Match[str]) -> str:
            if match.group(0).strip():
                removed.append((reason, match.group(0).strip()))
            return "\n\n"
        return pattern.sub(replace, source)

    text = cut(_COMMENT, "html comment", text)
    text = cut(_TABLE, "wiki table", text)
    text = cut(_OPEN_TABLE, "wiki table", text)
    text = _INLINE_TAG.sub("", _BLOCK_TAG.sub("  ", text))
    text = cut(_FIELD, "template field", text)
    text = cut(_LABEL, "template label", text)
    return cut(_LABEL_WORD, "template label", text)
