"""The book's data in the formats other tools read, and its saved editions.

Everything here starts from :func:`checks.export.book_json` (the content of
``facts.json``), so ``briefing export`` and the Sphinx build publish the same bytes:

- :mod:`.writer`: every published file (``facts.json``, ``facts.schema.json``, ``exports/``)
- :mod:`.tables`: the CSV registers; :mod:`.cite`: CSL-JSON and BibTeX per source
- :mod:`.diff`: what changed between two editions; :mod:`.editions`: saved snapshots,
  the editors' changelog and each fact's history
"""
