"""schema.org JSON-LD for the event page: place, status and free registration.

An online event's location is a ``VirtualLocation`` whose ``url`` is the event's own public
page (where one registers), never the join link: that goes only to confirmed registrants."""

SCHEMA = "https://schema.org"


def _attendance_mode(event):
    if event.address and event.online_url:
        return f"{SCHEMA}/MixedEventAttendanceMode"
    if event.online_url:
        return f"{SCHEMA}/OnlineEventAttendanceMode"
    return f"{SCHEMA}/OfflineEventAttendanceMode"


def event_data(event, request):
    url = request.build_absolute_uri(event.get_absolute_url())
    locations = []
    if event.address:
        locations.append({"@type": "Place", "name": event.venue or event.address, "address": event.address})
    if event.online_url:
        # The join link is for confirmed registrants only: the public page stands in for it.
        locations.append({"@type": "VirtualLocation", "url": url})
    data = {
        "@context": SCHEMA,
        "@type": "Event",
        "name": str(event),
        "url": url,
        "startDate": event.start.isoformat(),
        "endDate": event.end.isoformat(),
        "eventStatus": f"{SCHEMA}/EventCancelled" if event.is_cancelled else f"{SCHEMA}/EventScheduled",
        "eventAttendanceMode": _attendance_mode(event),
        "location": locations[0] if len(locations) == 1 else locations,
        "organizer": {
            "@type": "Organization",
            "name": event.project.name,
            "url": request.build_absolute_uri(event.project.get_absolute_url()),
        },
    }
    if event.description:
        data["description"] = event.description
    if event.registration_enabled:
        data["offers"] = {
            "@type": "Offer",
            "price": "0",
            "priceCurrency": "EUR",
            "url": f"{url}#registration",
            "availability": f"{SCHEMA}/SoldOut" if event.is_full() else f"{SCHEMA}/InStock",
        }
        if event.registration_opens:
            data["offers"]["validFrom"] = event.registration_opens.isoformat()
    return data
