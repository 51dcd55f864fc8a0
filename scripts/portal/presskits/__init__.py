"""Press kits: ``model`` (records, byte rules, embargo), ``load`` (kit folders -> records,
K-codes), ``bundle`` (PDFs, ZIP, MANIFEST.json: the downloads) and ``pages``."""
