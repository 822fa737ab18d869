"""Subscribe links for the office's pages: a feed's https://, webcal:// and Google Calendar
links (`calendars.feeds.subscribe_links`, the same as ``thidua feeds``) with a QR code.

The QR code holds the webcal:// link: scanned with a phone's camera it opens the calendar
app's subscribe dialog (a https:// link would only import today's events once). It is an
SVG ``data:`` image (segno), which the pages' Content-Security-Policy allows, with no
script and no request to anyone.

Shared feeds (everything, a campaign, a group) are offered only while they are public
(``THIDUA_FEEDS_PUBLIC``); a unit's feed, by its secret token, on the unit's page.
"""

from __future__ import annotations

from dataclasses import dataclass

import segno
from sqlalchemy.orm import Session

from calendars.feeds import Audience, SubscribeLinks, feed_path, subscribe_links, unit_links
from config.settings import Settings


@dataclass(frozen=True)
class Subscribe:
    links: SubscribeLinks
    qr: str  # a data: URI of the QR code of the webcal:// link (SVG)

    @property
    def https(self) -> str:
        return self.links.https

    @property
    def webcal(self) -> str:
        return self.links.webcal

    @property
    def google(self) -> str:
        return self.links.google


def qr_code(text: str) -> str:
    return segno.make(text, error="m").svg_data_uri(scale=4, border=2, dark="#1b1b1f")


def subscribe(settings: Settings, audience: Audience) -> Subscribe:
    """The links of a shared feed; `ValueError` when the base URL cannot make them."""
    links = subscribe_links(settings.base_url, feed_path(audience))
    return Subscribe(links, qr_code(links.webcal))


def unit(session: Session, settings: Settings, code: str) -> Subscribe:
    """An active unit's current links; `ValueError` when the base URL cannot make them."""
    links = unit_links(session, settings, code)
    return Subscribe(links, qr_code(links.webcal))


def shared(settings: Settings, audience: Audience) -> Subscribe | None:
    """A shared feed's links, or None when shared feeds need the API token (or the base
    URL is unusable: the page says so rather than show broken links)."""
    if not settings.feeds_public:
        return None
    try:
        return subscribe(settings, audience)
    except ValueError:
        return None
