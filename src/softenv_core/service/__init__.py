"""The HTTP face of softenv_core (``softenv serve``; the optional extra ``[service]``).

``app.create_app(config)`` builds the Starlette application; ``keys`` manages the callers'
keys without any web dependency, so that ``softenv keys`` works without the extra.
See docs/integration.md for the API.
"""
