"""The HTML report: one self-contained file (styles, script, charts and evidence pictures inline; no network).

The first screen is for a council member: the municipality, the report's title, period and year as printed, the
verdict in one sentence and the counts (figures checked, reconciled, not reconciled, not checkable; errors,
consequences, warnings, reading problems, suppressed). Then the findings, ordered by what they change most,
each written as an auditor writes one (Bulgu → Kriter → Tespit → Etki → Öneri, İdare açıklaması when
suppressed; the words come from ``finding_text``), with the table row cropped from the PDF and a link to the
whole page. Reading problems have their own section; the charts and the report's totals come after. Every text
taken from the PDF is escaped.
"""

from __future__ import annotations

import base64
import datetime as dt
from html import escape

from .. import __version__
from ..assembling.kind import KIND_ACTIVITY, KIND_PROGRAMME, kind_of
from ..messages import extent
from ..model import Report
from ..recomputing.report import Recomputed
from ..rules.base import Finding
from . import finding_text as ft
from .finding_text import FindingText, category_label, cut, num, pct, tr_en

_TITLE_KEY = {KIND_PROGRAMME: "title_programme", KIND_ACTIVITY: "title_activity_report"}

L = {
    "title": ("İzleme raporu denetimi", "Monitoring report audit"),
    "title_programme": ("Performans programı denetimi", "Performance programme audit"),
    "title_activity_report": ("Faaliyet raporu denetimi", "Activity report audit"),
    "period": ("Dönem", "Period"), "year": ("Yıl", "Year"), "file": ("Denetlenen dosya", "File audited"),
    "pages": ("sayfa", "pages"), "layout": ("Tablo düzeni", "Table layout"),
    "figures": ("Denetlenen rakamlar", "Figures checked"),
    "checked": ("yeniden hesaplandı", "recomputed"), "reconciled": ("tutuyor", "reconcile"),
    "not_reconciled": ("tutmuyor", "do not reconcile"), "not_checkable": ("denetlenemedi", "not checkable"),
    "of_printed": ("{n} basılı rakamdan", "of {n} printed figures"),
    "errors": ("hata", "errors"), "consequences": ("sonuç bulgusu", "consequential findings"),
    "warnings": ("uyarı", "warnings"), "infos": ("bilgi notu", "notes"),
    "reading": ("okunamayan yer", "places not read"), "suppressed": ("bastırılan bulgu", "suppressed findings"),
    "findings": ("Bulgular", "Findings"), "filters": ("Filtrele", "Filter"),
    "findings_order": ("Önce hatalar, her önem düzeyinde en çok rakam değiştiren bulgu önce.",
                       "Errors first; within each severity, the finding that changes most comes first."),
    "none": ("Bulgu yok.", "No findings."),
    "reading_title": ("Okunamayan / emin olunamayan yerler", "Places that could not be read with certainty"),
    "reading_intro": ("Bunlar raporun hatası değildir: okuyucunun yerleştiremediği ya da birleştiremediği "
                      "hücrelerdir. Bu satırlara dayanan kurallar denetim yapmadı; sayfayı elle kontrol edin.",
                      "These are not errors of the report: cells the reader could not place or join. Rules "
                      "resting on these rows did not check them; look at the page yourself."),
    "suppressed_title": ("Bastırılan bulgular", "Suppressed findings"),
    "suppressed_intro": ("İdare açıklamasıyla bastırılan bulgular çıkış kodunu etkilemez ama raporda kalır:",
                         "Findings suppressed with the management's explanation do not affect the exit code but "
                         "stay in the report:"),
    "unused_title": ("Hiçbir bulguya uymayan bastırmalar", "Suppressions that match no finding"),
    "unused_intro": ("Yapılandırma dosyasındaki bu bastırmalar hiçbir bulguyu karşılamadı; yazımlarını denetleyin:",
                     "These suppressions in the configuration file matched no finding; check how they are written:"),
    "charts": ("Hedef performansları: basılı ve yeniden hesaplanan", "Hedef performance: printed and recomputed"),
    "charts_intro": ("Ölçek 0–100; 100'ü aşan değerler ▸ ile, negatifler ◂ ile gösterilir. Hedef adını görmek "
                     "için koduna dokunun.", "Scale 0–100; values above 100 are marked ▸, negative ones ◂. Tap a "
                     "hedef's code to see its title."),
    "legend_printed": ("basılı", "printed"), "legend_recomputed": ("yeniden hesaplanan", "recomputed"),
    "suppressed_mark": ("bastırılmış bulgu", "suppressed finding"),
    "totals": ("Raporun içeriği", "What the report holds"),
    "amac": ("amaç", "amaç"), "hedef": ("hedef", "hedef"), "gosterge": ("gösterge", "gösterge"),
    "faaliyet": ("faaliyet", "faaliyet"), "overall": ("Genel gerçekleşme oranı", "Overall rate"),
    "printed": ("basılı", "printed"), "recomputed": ("yeniden hesaplanan", "recomputed"),
    "declared": ("raporun beyanı: {n}", "the report says: {n}"),
    "evidence_alt": ("{page}. sayfadaki tablo satırı, başlık satırıyla; hatalı hücre kırmızı çerçeveli",
                     "Table row on page {page} with its header; the offending cell outlined in red"),
    "open_page": ("Sayfayı tam boy aç (s. {page})", "Open the whole page (p. {page})"),
    "close": ("Kapat", "Close"),
    "generated": ("izlem-audit {version} ile {date} tarihinde üretildi · {name} (SHA-256 {sha}…)",
                  "Generated by izlem-audit {version} on {date} · {name} (SHA-256 {sha}…)"),
    "skip": ("Bulgulara geç", "Skip to the findings"),
}


def _t(key: str, lang: str, **kw) -> str:
    text = tr_en(L[key], lang)
    return text.format(**kw) if kw else text


def _cat(cat: str, lang: str) -> str:
    return category_label(cat, lang)


def _num(v: float | None, lang: str) -> str:
    return num(v, lang)


CSS = """
:root{--err:#b42318;--warn:#b54708;--info:#175cd3;--ok:#067647;--ink:#1d2939;--mute:#475467;--line:#e4e7ec;--bg:#f9fafb}
*{box-sizing:border-box}body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;
color:var(--ink);background:var(--bg)}main{max-width:1120px;margin:0 auto;padding:16px}
h1{font-size:1.35rem;margin:.1em 0 .2em;line-height:1.3}h2{font-size:1.2rem;margin:1.4em 0 .5em}
h3{font-size:1.05rem;margin:0;display:inline}h4{font-size:.8rem;text-transform:uppercase;letter-spacing:.04em;
color:var(--mute);margin:.7em 0 .15em}
.muni{font-weight:700;font-size:1.05rem;margin:0;letter-spacing:.02em}.meta{color:var(--mute);font-size:.9rem}
.verdict{font-size:1.1rem;font-weight:600;padding:12px 14px;border-radius:8px;background:#fff;border-left:6px solid var(--err);margin:10px 0}
.verdict.doubt{border-left-color:var(--warn)}.verdict.clean{border-left-color:#12b76a}
.counts{display:grid;grid-template-columns:repeat(auto-fit,minmax(120px,1fr));gap:8px;margin:8px 0}
.count{background:#fff;border:1px solid var(--line);border-radius:8px;padding:8px 10px;font-size:.9rem;line-height:1.25}
.count b{display:block;font-size:1.45rem;font-variant-numeric:tabular-nums}.count.err b{color:var(--err)}
.count.warn b{color:var(--warn)}.count.info b{color:var(--info)}.count.ok b{color:var(--ok)}
.count a{color:inherit}
.filters{position:sticky;top:0;background:var(--bg);padding:6px 0;z-index:2;display:flex;flex-wrap:wrap;gap:4px 14px;
border-bottom:1px solid var(--line)}.filters label{white-space:nowrap;font-size:.9rem}
.finding{background:#fff;border:1px solid var(--line);border-left:5px solid var(--info);border-radius:8px;padding:10px 14px;
margin:10px 0}.finding.error{border-left-color:var(--err)}.finding.warning{border-left-color:var(--warn)}
.finding.suppressed{border-left-color:#98a2b3;background:#f2f4f7}.finding.consequence{margin:6px 0 6px 8px}
.badge{display:inline-block;font-size:.75rem;font-weight:700;padding:1px 7px;border-radius:10px;color:#fff;
background:var(--info);margin-right:6px;vertical-align:2px}.badge.error{background:var(--err)}
.badge.warning{background:var(--warn)}.badge.sup{background:#667085}.rule{font-weight:700;margin-right:6px;color:var(--mute)}
.finding p{margin:.2em 0}.criterion{font-size:.92rem}.criterion .src{color:var(--mute);margin:.2em 0 .4em}
.criterion summary{cursor:pointer}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:1px 12px;margin:.3em 0;font-size:.93rem}
dl.facts dt{color:var(--mute)}dl.facts dd{margin:0;font-variant-numeric:tabular-nums;overflow-wrap:anywhere}
.effects{margin:.2em 0;padding-left:1.2em}.advice{font-weight:600}
.idare{background:#fffaeb;border:1px solid #fedf89;border-radius:6px;padding:6px 10px;margin:.4em 0}
.evidence{margin:6px 0}.evidence img{display:block;max-width:100%;height:auto;border:1px solid var(--line);border-radius:4px}
.evidence a.pagelink{font-size:.9rem}
.consequences{border-top:1px dashed var(--line);margin-top:8px}
.pageview{display:none;position:fixed;inset:0;background:rgba(16,24,40,.85);z-index:10;overflow:auto;padding:10px}
.pageview:target{display:block}.pageview img{display:block;margin:0 auto;max-width:none;width:min(1100px,200%);background:#fff}
.pageview a.close{position:sticky;top:0;display:inline-block;background:#fff;padding:6px 12px;border-radius:6px;margin-bottom:6px}
.chart{background:#fff;border:1px solid var(--line);border-radius:8px;padding:8px 12px;margin:8px 0}
.chart h3{display:block;font-size:1rem;margin-bottom:4px}.bars{display:grid;grid-template-columns:minmax(70px,26%) 1fr;gap:4px 10px;align-items:center}
.bars details{font-size:.9rem}.bars summary{cursor:pointer}.bar{position:relative;height:14px;background:#f2f4f7;border-radius:3px;margin:2px 0}
.bar i{position:absolute;left:0;top:0;bottom:0;border-radius:3px}.bar.p i{background:#98a2b3}.bar.r i{background:#f79009}
.bar span{position:absolute;right:4px;top:-2px;font-size:.78rem;font-variant-numeric:tabular-nums}
.bar.over i::after{content:"▸";position:absolute;right:-12px;top:-4px;color:var(--err)}
.legend{font-size:.85rem;color:var(--mute)}.legend i{display:inline-block;width:10px;height:10px;margin:0 4px 0 10px}
.supmark{font-size:.78rem;color:#667085;margin-left:4px}
table.totals{border-collapse:collapse;background:#fff}table.totals td{border-bottom:1px solid var(--line);padding:3px 10px}
table.totals td.n{text-align:right;font-variant-numeric:tabular-nums}
footer{color:var(--mute);font-size:.85rem;margin:30px 0}.skip{position:absolute;left:-999px}.skip:focus{left:10px}
@media (max-width:640px){body{font-size:14px}main{padding:10px}.finding{padding:8px 10px}
.evidence{margin-left:-6px;margin-right:-6px}dl.facts{grid-template-columns:minmax(0,38%) 1fr;gap:2px 8px}
.filters{position:static}
.counts{grid-template-columns:repeat(3,1fr);gap:6px}.count{padding:6px 8px;font-size:.85rem}
.count b{font-size:1.2rem}h1{font-size:1.15rem}}
@media print{@page{size:A4;margin:14mm 12mm 16mm;@bottom-center{content:counter(page) " / " counter(pages);font-size:9pt;color:#667085}}
body{background:#fff;font-size:10.5pt}main{max-width:none;padding:0}.filters,.pageview,.pagelink,.skip{display:none!important}
h1,h2,h3,h4,.verdict{break-after:avoid;page-break-after:avoid}h2,h3,h4{break-inside:avoid}
.finding{border-color:#999;break-inside:avoid-page}.finding.error,.finding.warning{border-left-width:4px}
.evidence,.evidence img,dl.facts,.chart,.count{break-inside:avoid}p{orphans:3;widows:3}a{color:inherit;text-decoration:none}
.finding header{break-after:avoid}details>summary{list-style:none}details::details-content{content-visibility:visible;display:block}}
"""

JS = """
window.addEventListener('beforeprint',function(){document.querySelectorAll('details').forEach(function(d){d.open=true})});
document.addEventListener('change',function(){
 var on=function(k){return Array.prototype.map.call(document.querySelectorAll('input[data-'+k+']:checked'),
  function(e){return e.getAttribute('data-'+k)})};
 var sev=on('sev'),cat=on('cat');
 document.querySelectorAll('#findings-list article.finding').forEach(function(f){
  f.hidden=!(sev.indexOf(f.dataset.severity)>=0&&cat.indexOf(f.dataset.category)>=0)});
});
"""


def _bar(v: float | None, cls: str, lang: str) -> str:
    if v is None:
        return f'<div class="bar {cls}"><span>—</span></div>'
    width = min(max(v, 0.0), 100.0)
    mark = " over" if v > 100 else ""
    neg = "◂ " if v < 0 else ""
    return f'<div class="bar {cls}{mark}"><i style="width:{width:.1f}%"></i><span>{neg}{pct(v, lang)}</span></div>'


def _charts(report: Report, rc: Recomputed, findings: list[Finding], anchors: dict[int, str], lang: str) -> str:
    """One block per amaç: each hedef's printed and recomputed performance on one 0–100 scale, its title on tap."""
    titles = {}
    for h in report.hedefler:
        titles.setdefault((h.amac, h.hedef), h.hedef_title)
    amac_titles = {h.amac: h.amac_title for h in reversed(report.hedefler)}
    sup = {}
    for f in findings:
        if f.suppressed and f.amac and f.hedef:
            sup.setdefault((f.amac, f.hedef), anchors[id(f)])
    out = [f'<h2 id="charts-title">{_t("charts", lang)}</h2><p class="legend">{_t("charts_intro", lang)}'
           f'<i style="background:#98a2b3"></i>{_t("legend_printed", lang)}'
           f'<i style="background:#f79009"></i>{_t("legend_recomputed", lang)}</p><div id="charts">']
    for amac in report.amac_codes():
        rows = []
        for key in [k for k in report.hedef_keys() if k[0] == amac]:
            title = titles.get(key) or ""
            mark = (f'<a class="supmark" href="#{sup[key]}">({_t("suppressed_mark", lang)})</a>'
                    if key in sup else "")
            label = (f'<details><summary>{escape(key[1])}</summary>{escape(title)}</details>' if title
                     else f"<span>{escape(key[1])}</span>")
            rows.append(f'<div class="hl" title="{escape(title)}">{label}{mark}</div><div>'
                        f'{_bar(rc.hedef_printed.get(key), "p", lang)}{_bar(rc.hedef_values.get(key), "r", lang)}</div>')
        head = f"{amac} — {cut(amac_titles.get(amac, ''), 90)}" if amac_titles.get(amac) else amac
        out.append(f'<div class="chart"><h3 title="{escape(amac_titles.get(amac, ""))}">{escape(head)}</h3>'
                   f'<div class="bars">{"".join(rows)}</div></div>')
    out.append("</div>")
    return "".join(out)


def _img_tag(pic, lang: str, page: int | None) -> str:
    """The evidence picture: the compact crop on narrow screens, the whole row elsewhere."""
    full = pic if isinstance(pic, (bytes, bytearray)) else pic.full
    compact = None if isinstance(pic, (bytes, bytearray)) else pic.compact
    font_pt = None if isinstance(pic, (bytes, bytearray)) else pic.font_pt
    scale = None if isinstance(pic, (bytes, bytearray)) else pic.scale
    alt = escape(_t("evidence_alt", lang, page=page))
    data = base64.b64encode(full).decode("ascii")
    attrs = f' data-font-pt="{font_pt:.2f}" data-scale="{scale:.4f}"' if font_pt and scale else ""
    img = f'<img class="crop" src="data:image/png;base64,{data}" alt="{alt}"{attrs}>'
    if compact:
        c = base64.b64encode(compact).decode("ascii")
        return (f'<picture><source media="(max-width: 640px)" srcset="data:image/png;base64,{c}">{img}</picture>')
    return img


def _card(t: FindingText, pics: dict, index: dict[int, int], pages: dict[int, bytes], lang: str,
          consequence: bool = False) -> str:
    f = t.finding
    cls = f"finding {f.severity}" + (" suppressed" if f.suppressed else "") + (" consequence" if consequence else "")
    out = [f'<article class="{cls}" data-severity="{f.severity}" data-category="{f.category}" id="{t.anchor}">',
           f'<header><span class="badge {f.severity}">{escape(ft.ui(f.severity, lang))}'
           + (f' · {escape(ft.ui("consequence", lang))}' if consequence else "") + '</span>'
           + (f'<span class="badge sup">{escape(ft.ui("suppressed", lang))}</span>' if f.suppressed else "")
           + f'<span class="rule">{escape(f.rule)}</span><h3 class="bulgu">{escape(t.title)}</h3></header>']
    if consequence:
        cause = getattr(f, "caused_by", "") or ""
        out.append(f'<p class="meta">{escape(ft.ui("consequence_of", lang, cause=cause))}</p>')
    if t.management is not None:
        out.append(f'<div class="idare"><h4>{ft.ui("idare", lang)}</h4><p>{escape(t.management)}</p></div>')
    out.append(f'<h4>{ft.ui("kriter", lang)}</h4><details class="criterion"><summary><b>{escape(f.rule)} · '
               f'{escape(t.rule_title)}</b></summary><p class="src">{escape(t.criterion)}</p></details>')
    out.append(f'<h4>{ft.ui("tespit", lang)}</h4><p>{escape(t.statement)}</p><dl class="facts">')
    for label, value in t.facts:
        out.append(f"<dt>{escape(label)}</dt><dd>{escape(value)}</dd>")
    out.append("</dl>")
    pic = pics.get(index[id(f)])
    page = f.row_page or f.page
    if pic is not None:
        link = (f' <a class="pagelink" href="#page-{page}">{escape(_t("open_page", lang, page=page))}</a>'
                if page in pages else "")
        out.append(f'<div class="evidence">{_img_tag(pic, lang, page)}{link}</div>')
    out.append(f'<h4>{ft.ui("etki", lang)}</h4>')
    if t.effects:
        out.append('<ul class="effects">' + "".join(f"<li>{escape(ft.effect_line(e, lang))}</li>" for e in t.effects)
                   + "</ul>")
    else:
        out.append(f'<p class="meta">{escape(t.effect_text)}</p>')
    out.append(f'<h4>{ft.ui("oneri", lang)}</h4><p class="advice">{escape(t.recommendation)}</p>')
    if t.consequences:
        out.append(f'<div class="consequences"><h4>{ft.ui("consequences", lang)}</h4>')
        for c in t.consequences:
            out.append(_card(c, pics, index, pages, lang, consequence=True))
        out.append("</div>")
    out.append("</article>")
    return "".join(out)


def _count(n: int, label: str, cls: str = "", href: str | None = None) -> str:
    inner = f"<b>{n}</b>{escape(label)}"
    if href:
        inner = f'<a href="{href}">{inner}</a>'
    return f'<div class="count {cls}">{inner}</div>'


def render_html(report: Report, findings: list[Finding], rc: Recomputed, images: dict, lang: str = "tr",
                pages: dict[int, bytes] | None = None, unused_suppressions: list | None = None) -> str:
    pages = pages or {}
    texts = ft.compose_all(findings, report, rc, lang)
    flat = ft.flatten(texts)
    anchors = {id(t.finding): t.anchor for t in flat}
    index = {id(f): i for i, f in enumerate(findings)}
    hl = ft.headline(report, findings, rc, unused_suppressions)
    verdict, tone = ft.verdict(hl, lang)
    title = report.title or ft.input_name(report)
    period = ft.period_text(report, lang)
    facts = [x for x in (
        f"{_t('period', lang)}: {period}" if period else "",
        f"{_t('year', lang)}: {report.year}" if report.year else "",
        f"{_t('file', lang)}: {ft.input_name(report)} ({extent(report, lang)})",
        f"{_t('layout', lang)}: {ft.layout_label(report.layout, lang)}",
    ) if x]
    h: list[str] = [
        f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src data:; "
        "style-src 'unsafe-inline'; script-src 'unsafe-inline'\">",
        f"<title>{escape(_t(_TITLE_KEY.get(kind_of(report), 'title'), lang))} — {escape(report.municipality or title)}</title><style>{CSS}</style>"
        f"</head><body><a class=\"skip\" href=\"#findings\">{_t('skip', lang)}</a><main>",
        f'<header id="masthead"><p class="meta">{escape(_t(_TITLE_KEY.get(kind_of(report), "title"), lang))}</p>'
        + (f'<p class="muni" id="municipality">{escape(report.municipality)}</p>' if report.municipality else "")
        + f'<h1 id="report-title">{escape(title)}</h1><p class="meta">{escape(" · ".join(facts))}</p></header>',
        f'<p class="verdict {tone}" id="verdict">{escape(verdict)}</p>',
        '<div class="counts" id="counts">',
        _count(hl.checked, f"{_t('checked', lang)} ({_t('of_printed', lang, n=hl.figures)})"),
        _count(hl.reconciled, _t("reconciled", lang), "ok"),
        _count(hl.not_reconciled, _t("not_reconciled", lang), "err" if hl.not_reconciled else ""),
        _count(hl.not_checkable, _t("not_checkable", lang)),
        _count(hl.errors, _t("errors", lang), "err" if hl.errors else ""),
        _count(hl.consequences, _t("consequences", lang)),
        _count(hl.warnings, _t("warnings", lang), "warn" if hl.warnings else ""),
        _count(hl.infos, _t("infos", lang), "info" if hl.infos else ""),
        _count(hl.reading, _t("reading", lang), "warn" if hl.reading else "", "#reading" if hl.reading else None),
        _count(hl.suppressed, _t("suppressed", lang), "", "#suppressed" if hl.suppressed else None),
        "</div>",
    ]
    suppressed = [t for t in flat if t.finding.suppressed]
    if suppressed:
        h.append(f'<section id="suppressed"><h2>{_t("suppressed_title", lang)}</h2><p>{_t("suppressed_intro", lang)}</p><ul>')
        for t in suppressed:
            h.append(f'<li><a href="#{t.anchor}">{escape(t.finding.rule)} {escape(t.place)}</a> — '
                     f'{escape(ft.ui("idare", lang))}: {escape(t.management or "")}</li>')
        h.append("</ul></section>")
    if hl.unused_suppressions:
        h.append(f'<section id="unused"><h2>{_t("unused_title", lang)}</h2><p>{_t("unused_intro", lang)}</p><ul>')
        for u in hl.unused_suppressions:
            h.append(f"<li>{escape(_describe_suppression(u))}</li>")
        h.append("</ul></section>")
    h.append(f'<h2 id="findings">{_t("findings", lang)}</h2>')
    main_texts = [t for t in texts if not t.reading]
    if main_texts:
        h.append(f'<p class="meta">{_t("findings_order", lang)}</p>')
        h.append(f'<div class="filters" role="group" aria-label="{_t("filters", lang)}"><b>{_t("filters", lang)}:</b>')
        for s in ("error", "warning", "info"):
            h.append(f'<label><input type="checkbox" data-sev="{s}" checked> {escape(ft.ui(s, lang))}</label>')
        for cat in sorted({t.finding.category for t in ft.flatten(main_texts)}):
            h.append(f'<label><input type="checkbox" data-cat="{cat}" checked> {escape(_cat(cat, lang))}</label>')
        h.append("</div>")
    else:
        h.append(f"<p>{_t('none', lang)}</p>")
    h.append('<div id="findings-list">')
    for t in main_texts:
        h.append(_card(t, images, index, pages, lang))
    h.append("</div>")
    reading = [t for t in texts if t.reading]
    if reading:
        h.append(f'<section id="reading"><h2>{_t("reading_title", lang)}</h2><p>{_t("reading_intro", lang)}</p>')
        for t in reading:
            h.append(_card(t, images, index, pages, lang))
        h.append("</section>")
    h.append(_charts(report, rc, findings, anchors, lang))
    c = report.counts()
    declared = report.summary.declared_totals
    h.append(f'<h2>{_t("totals", lang)}</h2><table class="totals" id="totals">')
    for key in ("amac", "hedef", "gosterge", "faaliyet"):
        said = getattr(declared, key) if declared is not None else None
        note = "" if said is None else f' <span class="meta">({_t("declared", lang, n=said)})</span>'
        h.append(f'<tr><td>{_t(key, lang)}</td><td class="n">{c[key]}</td><td>{note}</td></tr>')
    h.append(f'<tr><td>{_t("overall", lang)} ({_t("printed", lang)})</td><td class="n">'
             f'{pct(report.summary.overall_rate, lang)}</td><td></td></tr>')
    h.append(f'<tr><td>{_t("overall", lang)} ({_t("recomputed", lang)})</td><td class="n">{pct(rc.overall, lang)}'
             f'</td><td></td></tr></table>')
    for page_no in sorted(pages):
        data = base64.b64encode(pages[page_no]).decode("ascii")
        h.append(f'<div class="pageview" id="page-{page_no}"><a class="close" href="#findings">✕ {_t("close", lang)}'
                 f'</a><img src="data:image/jpeg;base64,{data}" alt="{page_no}" loading="lazy"></div>')
    h.append("<footer>" + escape(_t("generated", lang, version=__version__, date=dt.date.today().isoformat(),
                                      name=ft.input_name(report), sha=report.source.sha256[:16])) + "</footer>")
    h.append(f"</main><script>{JS}</script></body></html>")
    return "\n".join(h)


def _describe_suppression(u) -> str:
    """A configured suppression in words, whatever shape the configuration gives it."""
    if isinstance(u, str):
        return u
    if isinstance(u, dict):
        items = u.items()
    else:
        items = ((k, getattr(u, k)) for k in ("id", "rule", "amac", "hedef", "performans_hedefi", "item", "period",
                                               "reason") if getattr(u, k, None) not in (None, ""))
    return ", ".join(f"{k} = {v}" for k, v in items if v not in (None, ""))
