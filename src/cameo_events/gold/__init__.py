"""Gold annotations' sources: the shared corpora's item texts, read in place.

Examples
--------
>>> from cameo_events.gold.corpora import CORPORA
>>> sorted(CORPORA)
['wcep-2015-09', 'wcep-2025-2026', 'wikinews-2019-2021']
"""
