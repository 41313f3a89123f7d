"""The report@1 serialisation as model.py wrote it by hand before the generic serialiser (commit f7838af, with
``reached`` from bc39bfe, ``confidence`` from cf9d77e, ``period_value`` from 6984fa8, ``TableReading`` and
``tables`` from 2991ff6): thirteen to_dict/from_dict pairs, kept verbatim as free functions over the model's
classes. tests/test_model_json.py holds the generic serialiser to this oracle, byte for byte, on the fixtures.
"""

from __future__ import annotations

from typing import Any

import izlem_audit.model as M


def _bbox(b):
    return None if b is None else [round(float(v), 2) for v in b]


def to_dict(obj: Any, evidence: bool = True) -> dict[str, Any]:
    fn = globals()[f"_{type(obj).__name__}_to_dict"]
    return fn(obj) if type(obj).__name__ in ("Cell", "Evidence", "Source", "TableReading") else fn(obj, evidence)


def from_dict(cls: type, d: Any) -> Any:
    return globals()[f"_{cls.__name__}_from_dict"](d)


def _Cell_to_dict(self) -> dict[str, Any]:
    d: dict[str, Any] = {"text": self.text, "page": self.page, "bbox": _bbox(self.bbox)}
    if self.ref:
        d["ref"] = self.ref
    if self.parts:
        d["parts"] = [{"page": pg, "bbox": _bbox(b)} for pg, b in self.parts]
    if self.confidence is not None:
        d["confidence"] = self.confidence
    return d


def _Cell_from_dict(d: dict[str, Any]) -> Any:
    return M.Cell(d.get("text", ""), d.get("page"), tuple(d["bbox"]) if d.get("bbox") else None, d.get("ref"),
               [(x["page"], tuple(x["bbox"])) for x in d.get("parts") or []], d.get("confidence"))


def _Evidence_to_dict(self) -> dict[str, Any]:
    d = {
        "page": self.page,
        "bbox": _bbox(self.bbox),
        "cells": {k: to_dict(v) for k, v in self.cells.items()},
    }
    if self.ref:
        d["ref"] = self.ref
    return d


def _Evidence_from_dict(d: dict[str, Any] | None) -> Any:
    if not d:
        return M.Evidence()
    return M.Evidence(
        d.get("page"),
        tuple(d["bbox"]) if d.get("bbox") else None,
        {k: from_dict(M.Cell, v) for k, v in (d.get("cells") or {}).items()},
        d.get("ref"),
    )


def _Period_to_dict(self, evidence: bool = True) -> dict[str, Any]:
    d: dict[str, Any] = {
        "month": self.month,
        "actual": self.actual,
        "reported_rate": self.reported_rate,
        "note": self.note,
    }
    if self.period_value is not None:
        d["period_value"] = self.period_value
    if evidence:
        d["evidence"] = to_dict(self.evidence)
    return d


def _Period_from_dict(d: dict[str, Any]) -> Any:
    return M.Period(d.get("month"), d.get("actual"), d.get("reported_rate"), d.get("note") or "",
               from_dict(M.Evidence, d.get("evidence")), d.get("period_value"))


def _Gosterge_to_dict(self, evidence: bool = True) -> dict[str, Any]:
    d: dict[str, Any] = {
        "code": self.code,
        "printed_code": self.printed_code,
        "seq": self.seq,
        "name": self.name,
        "unit": self.unit,
        "unit_known": self.unit_known,
        "weight": self.weight,
        "baseline": self.baseline,
        "target": self.target,
        "periods": [to_dict(p, evidence) for p in self.periods],
    }
    if self.reached is not None:
        d["reached"] = to_dict(self.reached, evidence)
    if evidence:
        d["evidence"] = to_dict(self.evidence)
    return d


def _Gosterge_from_dict(d: dict[str, Any]) -> Any:
    return M.Gosterge(
        code=d["code"], name=d.get("name", ""), unit=d.get("unit"), unit_known=d.get("unit_known", True),
        weight=d.get("weight"), baseline=d.get("baseline"), target=d.get("target"),
        periods=[from_dict(M.Period, p) for p in d.get("periods", [])],
        printed_code=d.get("printed_code"), seq=d.get("seq"), evidence=from_dict(M.Evidence, d.get("evidence")),
        reached=from_dict(M.Period, d["reached"]) if d.get("reached") else None,
    )


def _Faaliyet_to_dict(self, evidence: bool = True) -> dict[str, Any]:
    d: dict[str, Any] = {
        "code": self.code,
        "printed_code": self.printed_code,
        "seq": self.seq,
        "name": self.name,
        "budget": self.budget,
        "spent": self.spent,
        "reported_rate": self.reported_rate,
        "note": self.note,
    }
    if evidence:
        d["evidence"] = to_dict(self.evidence)
    return d


def _Faaliyet_from_dict(d: dict[str, Any]) -> Any:
    return M.Faaliyet(
        code=d["code"], name=d.get("name", ""), budget=d.get("budget"), spent=d.get("spent"),
        reported_rate=d.get("reported_rate"), note=d.get("note") or "", printed_code=d.get("printed_code"),
        seq=d.get("seq"), evidence=from_dict(M.Evidence, d.get("evidence")),
    )


def _Hedef_to_dict(self, evidence: bool = True) -> dict[str, Any]:
    d: dict[str, Any] = {
        "amac": self.amac,
        "hedef": self.hedef,
        "performans_hedefi": self.performans_hedefi,
        "amac_title": self.amac_title,
        "hedef_title": self.hedef_title,
        "performans_hedefi_title": self.performans_hedefi_title,
        "sorumlu_birim": self.sorumlu_birim,
        "reported_performance": self.reported_performance,
        "printed_codes": dict(self.printed_codes),
        "note": self.note,
        "page": self.page,
        "gostergeler": [to_dict(g, evidence) for g in self.gostergeler],
        "faaliyetler": [to_dict(f, evidence) for f in self.faaliyetler],
    }
    if evidence:
        d["evidence"] = to_dict(self.evidence)
    return d


def _Hedef_from_dict(d: dict[str, Any]) -> Any:
    return M.Hedef(
        amac=d["amac"], hedef=d["hedef"], performans_hedefi=d.get("performans_hedefi"),
        amac_title=d.get("amac_title", ""), hedef_title=d.get("hedef_title", ""),
        performans_hedefi_title=d.get("performans_hedefi_title", ""), sorumlu_birim=d.get("sorumlu_birim", ""),
        reported_performance=d.get("reported_performance"), printed_codes=dict(d.get("printed_codes") or {}),
        note=d.get("note") or "", page=d.get("page"),
        gostergeler=[from_dict(M.Gosterge, g) for g in d.get("gostergeler", [])],
        faaliyetler=[from_dict(M.Faaliyet, f) for f in d.get("faaliyetler", [])],
        evidence=from_dict(M.Evidence, d.get("evidence")),
    )


def _SummaryPH_to_dict(self, evidence: bool = True) -> dict[str, Any]:
    d = {"performans_hedefi": self.performans_hedefi, "title": self.title, "sorumlu_birim": self.sorumlu_birim,
         "reported_performance": self.reported_performance, "weight": self.weight}
    if evidence:
        d["evidence"] = to_dict(self.evidence)
    return d


def _SummaryPH_from_dict(d: dict[str, Any]) -> Any:
    return M.SummaryPH(d["performans_hedefi"], d.get("title", ""), d.get("sorumlu_birim", ""),
               d.get("reported_performance"), d.get("weight"), from_dict(M.Evidence, d.get("evidence")))


def _SummaryHedef_to_dict(self, evidence: bool = True) -> dict[str, Any]:
    d = {"hedef": self.hedef, "title": self.title, "sorumlu_birim": self.sorumlu_birim,
         "reported_performance": self.reported_performance,
         "performans_hedefleri": [to_dict(p, evidence) for p in self.performans_hedefleri]}
    if evidence:
        d["evidence"] = to_dict(self.evidence)
    return d


def _SummaryHedef_from_dict(d: dict[str, Any]) -> Any:
    return M.SummaryHedef(d["hedef"], d.get("title", ""), d.get("sorumlu_birim", ""), d.get("reported_performance"),
               [from_dict(M.SummaryPH, p) for p in d.get("performans_hedefleri", [])],
               from_dict(M.Evidence, d.get("evidence")))


def _SummaryCounts_to_dict(self, evidence: bool = True) -> dict[str, Any]:
    d = {"hedef": self.hedef, "gosterge": self.gosterge, "faaliyet": self.faaliyet,
         "reported_rate": self.reported_rate}
    if evidence:
        d["evidence"] = to_dict(self.evidence)
    return d


def _SummaryCounts_from_dict(d: dict[str, Any] | None) -> Any:
    if d is None:
        return None
    return M.SummaryCounts(d.get("hedef"), d.get("gosterge"), d.get("faaliyet"), d.get("reported_rate"),
               from_dict(M.Evidence, d.get("evidence")))


def _SummaryAmac_to_dict(self, evidence: bool = True) -> dict[str, Any]:
    d = {"amac": self.amac, "title": self.title, "reported_rate": self.reported_rate,
         "hedefler": [to_dict(h, evidence) for h in self.hedefler],
         "counts": to_dict(self.counts, evidence) if self.counts else None}
    if evidence:
        d["evidence"] = to_dict(self.evidence)
    return d


def _SummaryAmac_from_dict(d: dict[str, Any]) -> Any:
    return M.SummaryAmac(d["amac"], d.get("title", ""), d.get("reported_rate"),
               [from_dict(M.SummaryHedef, h) for h in d.get("hedefler", [])],
               from_dict(M.SummaryCounts, d.get("counts")), from_dict(M.Evidence, d.get("evidence")))


def _DeclaredTotals_to_dict(self, evidence: bool = True) -> dict[str, Any]:
    d = {"amac": self.amac, "hedef": self.hedef, "gosterge": self.gosterge, "faaliyet": self.faaliyet}
    if evidence:
        d["evidence"] = to_dict(self.evidence)
    return d


def _DeclaredTotals_from_dict(d: dict[str, Any] | None) -> Any:
    if d is None:
        return None
    return M.DeclaredTotals(d.get("amac"), d.get("hedef"), d.get("gosterge"), d.get("faaliyet"),
               from_dict(M.Evidence, d.get("evidence")))


def _Summary_to_dict(self, evidence: bool = True) -> dict[str, Any]:
    d: dict[str, Any] = {
        "amaclar": [to_dict(a, evidence) for a in self.amaclar],
        "overall_rate": self.overall_rate,
        "declared_totals": to_dict(self.declared_totals, evidence) if self.declared_totals else None,
    }
    if evidence:
        d["overall_evidence"] = to_dict(self.overall_evidence)
    return d


def _Summary_from_dict(d: dict[str, Any] | None) -> Any:
    if not d:
        return M.Summary()
    return M.Summary([from_dict(M.SummaryAmac, a) for a in d.get("amaclar", [])], d.get("overall_rate"),
               from_dict(M.Evidence, d.get("overall_evidence")), from_dict(M.DeclaredTotals, d.get("declared_totals")))


def _StructureIssue_to_dict(self, evidence: bool = True) -> dict[str, Any]:
    d = {"kind": self.kind, "amac": self.amac, "hedef": self.hedef, "performans_hedefi": self.performans_hedefi,
         "item": self.item, "period": self.period, "detail": dict(self.detail)}
    if self.origin != "report":
        d["origin"] = self.origin
    if evidence:
        d["page"] = self.page
        d["bbox"] = _bbox(self.bbox)
        if self.ref:
            d["ref"] = self.ref
    return d


def _StructureIssue_from_dict(d: dict[str, Any]) -> Any:
    return M.StructureIssue(d["kind"], d.get("page"), tuple(d["bbox"]) if d.get("bbox") else None, d.get("amac"),
               d.get("hedef"), d.get("performans_hedefi"), d.get("item"), d.get("period"),
               dict(d.get("detail") or {}), d.get("ref"), d.get("origin", ""))


def _Source_to_dict(self) -> dict[str, Any]:
    return {"path": self.path, "sha256": self.sha256, "pages": self.pages}


def _Report_to_dict(self, evidence: bool = True) -> dict[str, Any]:
    d: dict[str, Any] = {"schema": M.SCHEMA}
    if evidence:
        d["source"] = to_dict(self.source)
        d["engine"] = self.engine
        d["municipality"] = self.municipality  # read from the page, like the evidence: not ground truth
    d.update({
        "layout": self.layout,
        "title": self.title,
        "year": self.year,
        "counts": self.counts(),
        "hedefler": [to_dict(h, evidence) for h in self.hedefler],
        "summary": to_dict(self.summary, evidence),
        "issues": [to_dict(i, evidence) for i in self.issues],
    })
    if evidence:
        d["tables"] = [to_dict(t) for t in self.tables]
    return d


def _Report_from_dict(d: dict[str, Any]) -> Any:
    if d.get("schema") != M.SCHEMA:
        raise ValueError(f"not an {M.SCHEMA} document")
    src = d.get("source") or {}
    return M.Report(
        source=M.Source(src.get("path", ""), src.get("sha256", ""), src.get("pages", 0)),
        layout=d.get("layout", "unknown"), title=d.get("title", ""), year=d.get("year"),
        municipality=d.get("municipality", ""),
        hedefler=[from_dict(M.Hedef, h) for h in d.get("hedefler", [])],
        summary=from_dict(M.Summary, d.get("summary")),
        issues=[from_dict(M.StructureIssue, i) for i in d.get("issues", [])],
        engine=d.get("engine", "pdfplumber"),
        tables=[from_dict(M.TableReading, t) for t in d.get("tables", [])],
    )


def _TableReading_to_dict(self) -> dict[str, Any]:
    d = {"page": self.page, "bbox": _bbox(self.bbox), "kind": self.kind, "reader": self.reader,
         "score": self.score, "evidence": list(self.evidence), "via": self.via, "scores": dict(self.scores)}
    if self.ref:
        d["ref"] = self.ref
    return d


def _TableReading_from_dict(d: dict[str, Any]) -> Any:
    return M.TableReading(d.get("page"), tuple(d["bbox"]) if d.get("bbox") else None, d.get("kind", ""),
                          d.get("reader", ""), d.get("score", 0.0), list(d.get("evidence", [])),
                          d.get("via", "header"), dict(d.get("scores", {})), d.get("ref"))
