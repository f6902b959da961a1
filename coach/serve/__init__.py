"""``coach serve``: the app in a phone's or tablet's browser, with sound from the phone.

Split so that the app (one subprocess per browser tab) never imports the web server:

- :mod:`coach.serve.channel`: the cue channel between the served app and its page (standard library only);
  the app's side is :class:`~coach.serve.channel.PageCueSink`, the server's side reads the terminal stream.
- :mod:`coach.serve.access`: the access token (standard library only).
- :mod:`coach.serve.server`: the web server (``textual-serve`` and ``aiohttp``, the ``serve`` extra), the
  token check in front of everything, and the page that plays the cues.
- :mod:`coach.serve.qr`: the URL as a QR code drawn with text (``segno``, the ``serve`` extra).
"""
