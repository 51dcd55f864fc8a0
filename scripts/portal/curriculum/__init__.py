"""The curriculum: ``model`` (modules), ``load`` (module pages -> records, C-codes),
``schedule`` (the one-day agenda from the modules' minutes) and ``pages``."""
