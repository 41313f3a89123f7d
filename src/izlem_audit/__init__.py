"""izlem-audit: audit Turkish municipal strategic-plan monitoring reports.

The pipeline, one sub-package per stage:

reading/      PDF -> pages of characters and ruling lines -> grid tables (cells with page and bbox)
assembling/   grid tables -> the report model (amac, hedef, performans_hedefi, gosterge, faaliyet, summary)
normalising/  Turkish numbers, units, case folding, fuzzy header matching (used by assembling)
recomputing/  the guide's formulas as small pure functions
rules/        the rule catalog (IZxxx): each rule compares printed against recomputed figures
output/       JSON, CSV, XLSX, HTML, Markdown, console, annotated PDF
"""

__version__ = "0.1.0"
