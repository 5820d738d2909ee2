"""The built-in filters, one module each; importing this package registers them by name."""

from . import (
    byline,
    captions,
    comments,
    content,
    copyright,
    credits,
    dateline,
    dates,
    duplicates,
    engagement,
    header,
    navigation,
    newsletter,
    paywall,
    recommendations,
    repair,
)

__all__ = [
    "byline",
    "captions",
    "comments",
    "content",
    "copyright",
    "credits",
    "dateline",
    "dates",
    "duplicates",
    "engagement",
    "header",
    "navigation",
    "newsletter",
    "paywall",
    "recommendations",
    "repair",
]
