"""``izlem-audit compare``: consistency across the documents of one municipality and year.

documents.py  what each document is (kind, municipality, year, months) and the refusal of mixed sets
alignment.py  which item of one document is which item of another: by code first, by fuzzy title second
rules.py      the IZ7xx catalog rules (target, weight, baseline, missing/added, cumulative, restated, titles,
              budgets), run by engine.py with the configuration and suppressions of ``check``
output.py     the ``izlem-audit/compare@1`` JSON, console, Markdown, HTML side by side and the workbook
"""
