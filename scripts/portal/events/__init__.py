"""Events (``docs/acara/``): when and where each took place, for the landing page's "next or latest event"."""
