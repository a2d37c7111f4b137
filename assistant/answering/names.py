"""Say who, by name: the named subject of the question's verb, not a description.

"Who claimed the Lere attack?" is answered by the reader with "armed rebel groups" (from
"An attack ... claimed by armed rebel groups killed five soldiers") while a later
sentence names the claimant: "The Coordination of Azawad Movements (CMA) ... had already
claimed responsibility for the attack". When a "who" answer is not a name, the read
windows' sentences that use the question's verb are parsed (spaCy), and a named entity
(person, organisation, country, group) standing as that verb's subject, or its agent in
the passive ("claimed by X"), becomes the answer, extended over an acronym in brackets
right after it. The reader's own answer stays when no sentence names one.
"""

from __future__ import annotations

import re

from assistant.answering.candidates import Candidate
from assistant.text.nlp import parse, parse_question
from assistant.text.question import QuestionType, analyse
from assistant.text.sentences import sentence_at, split_sentences
from assistant.text.terms import STOPWORDS, stem, words

NAMED = frozenset({"PERSON", "ORG", "GPE", "NORP"})
# The reader must find the name plausible too: one of its spans in that window, overlapping
# the name, with at least this margin over "no answer" (fitted on the dev split).
NAME_MARGIN = 2.0
_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
_ACRONYM = re.compile(r"\s*\([A-Z][A-Z0-9-]{1,10}\)")
_DESCRIPTION = re.compile(r",\s+(?!and\b|or\b)[a-z]")  # ", an alliance of ...", not ", Hachiun"


def _verbs(question: str) -> set[str]:
    """The stems of the question's verbs ("claimed" -> "claim")."""
    doc = parse_question(question)
    return {stem(t.lemma_.lower()) for t in doc if t.pos_ in ("VERB", "AUX") and t.lemma_ != "be"}


def _named_subject(sentence_doc: object, verbs: set[str]) -> tuple[int, int] | None:
    """Character offsets (in the sentence) of a named subject or agent of one of ``verbs``."""
    for token in sentence_doc:  # type: ignore[attr-defined]
        if token.pos_ != "VERB" or stem(token.lemma_.lower()) not in verbs:
            continue
        heads = [c for c in token.children if c.dep_ in _SUBJECTS]
        heads += [g for c in token.children if c.dep_ == "agent" for g in c.children]
        for head in heads:
            for entity in sentence_doc.ents:  # type: ignore[attr-defined]
                if entity.label_ in NAMED and entity.start <= head.i < entity.end:
                    return entity.start_char, entity.end_char
    return None


def named_answer(question: str, best: Candidate, candidates: tuple[Candidate, ...]) -> Candidate:
    """``best``, or for a "who" question answered by a description, the name in that role."""
    info = analyse(question)
    if info.qtype is not QuestionType.WHO:
        return best
    if any(w[:1].isupper() for w in best.text.split()):
        return _without_description(best)  # already (part of) a name
    verbs = _verbs(question)
    if not verbs:
        return best
    order = [best, *(c for c in candidates if c is not best)]
    for candidate in order:
        passage = candidate.passage
        sentences = split_sentences(passage.text) or []
        spans = [s for s in sentences if verbs & _stems(passage.text, s.start, s.end)]
        docs = parse([passage.text[s.start : s.end] for s in spans])
        for span, doc in zip(spans, docs, strict=True):
            found = _named_subject(doc, verbs)
            if found is None:
                continue
            offset = passage.start + span.start
            start, end = offset + found[0], offset + found[1]
            text = passage.text[start - passage.start : end - passage.start]
            if _content(text) & _content(question):
                continue  # the question's own subject ("Who did Kibaki run against?")
            if not _plausible(candidate, start, end):
                continue
            if acronym := _ACRONYM.match(passage.text, end - passage.start):
                end += len(acronym.group())
                text = passage.text[start - passage.start : end - passage.start]
            return Candidate(passage, text, start, end, candidate.score, candidate.null_score,
                             candidate.alternatives)  # fmt: skip
    return best


def _without_description(best: Candidate) -> Candidate:
    """The name alone when the span is a name, its acronym, a comma and a description."""
    if "," not in best.text:
        return best
    passage = best.passage
    sentence = sentence_at(passage.text, best.start - passage.start)
    if sentence is None:
        return best
    [doc] = parse([passage.text[sentence.start : sentence.end]])
    local = best.start - passage.start - sentence.start
    starts = (local, local + _article(best.text))
    for entity in doc.ents:
        if entity.label_ not in NAMED or entity.start_char not in starts:
            continue
        end = passage.start + sentence.start + entity.end_char
        if acronym := _ACRONYM.match(passage.text, end - passage.start):
            end += len(acronym.group())
        rest = passage.text[end - passage.start : best.end - passage.start]
        if not _DESCRIPTION.match(rest):
            return best  # a list of names ("Hasar, Hachiun, and Temüge") stays whole
        text = passage.text[best.start - passage.start : end - passage.start]
        return Candidate(passage, text, best.start, end, best.score, best.null_score,
                         best.alternatives)  # fmt: skip
    return best


def _article(text: str) -> int:
    """The length of a leading "The " that spaCy leaves outside the entity."""
    return 4 if text.startswith(("The ", "the ")) else 0


def _plausible(candidate: Candidate, start: int, end: int) -> bool:
    """Whether the reader itself offered a span over the name, sure enough of it."""
    spans = [(candidate.start, candidate.end, candidate.margin)]
    spans += [(a.start, a.end, a.score - candidate.null_score) for a in candidate.alternatives]
    return any(s < end and start < e and margin >= NAME_MARGIN for s, e, margin in spans)


def _content(text: str) -> set[str]:
    return {w for w in words(text.lower()) if w not in STOPWORDS}


def _stems(text: str, start: int, end: int) -> set[str]:
    return {stem(w) for w in words(text[start:end].lower())}
