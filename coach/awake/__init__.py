"""Keeping the screen on while a session runs, and letting it sleep again when it is not needed.

- :mod:`coach.awake.policy`: when to hold and when to release (pure, on an injected clock);
- :mod:`coach.awake.keepers`: who holds it: ``wakepy`` in the terminal (the ``wake`` extra), the browser
  page's Screen Wake Lock in a served session, or nobody.
"""
