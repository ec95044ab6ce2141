"""Tuning as data: the fusion, evidence and abstention settings an index answers with.

A corpus may carry a fit in ``quotewise.tuning.json`` beside its articles (written by
bench/tune_retrieval.py and bench/calibrate_abstention.py, never by hand); ingest stores it in
the index manifest with its provenance, so it travels with the index. It applies only to an
index built with the model it was fitted for. Everything it leaves out, and every index
without one, gets the generic defaults of `FusionConfig`, `EvidenceConfig` and
`AbstainConfig`.

The file's shape::

    {"model": "sentence-transformers/all-MiniLM-L6-v2",
     "fusion": {"sent": 2.0, ...}, "evidence": {...}, "abstain": {"coef": [...], ...},
     "scope": {"terms": [...], "idf": [...], "coef": [...], ...},
     "provenance": {"fusion": {"command": ..., "fitted_on": ..., "date": ...}, ...}}
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace

from assistant.abstain import AbstainConfig
from assistant.evidence import EvidenceConfig
from assistant.retriever import FusionConfig
from assistant.scope import ScopeModel
from index.store import IndexData

SECTIONS = {"fusion": FusionConfig, "evidence": EvidenceConfig, "abstain": AbstainConfig,
            "scope": ScopeModel}


@dataclass(frozen=True)
class Tuning:
    """The settings one index answers with, and where they came from (``provenance`` is
    empty for the generic defaults)."""

    fusion: FusionConfig = field(default_factory=FusionConfig)
    evidence: EvidenceConfig = field(default_factory=EvidenceConfig)
    abstain: AbstainConfig = field(default_factory=AbstainConfig)
    scope: ScopeModel = field(default_factory=ScopeModel)
    provenance: dict = field(default_factory=dict)
    ignored: tuple[str, ...] = ()  # settings in the file this version does not know

    @property
    def fitted(self) -> bool:
        return bool(self.provenance)


def _apply(config, values: dict, section: str, ignored: list[str]):
    known = {f.name for f in fields(config)}
    kept = {}
    for k, v in values.items():
        if k not in known:
            ignored.append(f"{section}.{k}")
            continue
        kept[k] = tuple(v) if isinstance(v, list) else v
    return replace(config, **kept)


def from_dict(raw: dict | None, model_id: str) -> Tuning:
    """The `Tuning` a tuning file's contents give an index built with ``model_id``: the
    generic defaults when there is no file or it was fitted for another model."""
    if not raw or raw.get("model") != model_id:
        return Tuning()
    ignored: list[str] = []
    configs = {name: _apply(cls(), raw.get(name) or {}, name, ignored)
               for name, cls in SECTIONS.items()}
    return Tuning(**configs, provenance=dict(raw.get("provenance") or {"source": "tuning file"}),
                  ignored=tuple(ignored))


def tuning_for(data: IndexData) -> Tuning:
    """The settings for ``data``: its corpus's fit if it has one for its model, else generic."""
    return from_dict(data.manifest.get("tuning"), data.model_id)


def to_dict(tuning: Tuning, model_id: str) -> dict:
    """A tuning file's contents for ``tuning`` (only settings that differ from the defaults)."""
    out: dict = {"model": model_id}
    for name, cls in SECTIONS.items():
        current, default = getattr(tuning, name), cls()
        out[name] = {f.name: getattr(current, f.name) for f in fields(cls)
                     if getattr(current, f.name) != getattr(default, f.name)}
    out["provenance"] = tuning.provenance
    return out
