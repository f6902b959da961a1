"""coach: a calm terminal guide through a foot massage for stress relief and better sleep."""

__version__ = "0.1.0"
