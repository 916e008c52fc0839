"""Demo events: the six SOCOBA seminars of Kainuu (2018–2021), Kymenlaakso's
workshops, network meetings and seminars (2018–2020), and upcoming events whose
dates are relative to the day the demo is first loaded.

The seeds say that the seminars were held, not when or with whom: dates,
programmes, materials and registrants are invented, flagged ``is_demo`` and
shown as such in the admin. Every person is fictional ("(demo)", addresses at
``example.invalid``). Idempotent: a second run changes nothing, and existing
upcoming events stay where they are.
"""

import datetime
import zlib

from django.core.files.base import ContentFile
from django.utils import timezone

from projects.models import Project
from socoba_portal.demodata import attach_file, translations, upsert

from .models import Event, Material, ProgrammeItem, Registration

KAJAANI = "Kajaanin yliopistokeskus (demo-osoite), Ketunpolku 1, 87100 Kajaani"
KOUVOLA = "Kouvolan kaupungintalo (demo-osoite), Torikatu 10, 45100 Kouvola"
KOTKA = "Kotkan kaupungintalo (demo-osoite), Kustaankatu 2, 48100 Kotka"
HAMINA = "Haminan raatihuone (demo-osoite), Raatihuoneentori 1, 49400 Hamina"

SPEARHEADS = ["Kansalaislähtöinen sosiaalihuolto", "Sähköinen asiointi"]

KAINUU_SEMINARS = [
    # (date, title, theme, online)
    (
        datetime.date(2018, 4, 17),
        "Ekosysteemi käyntiin: yhteiset tavoitteet ja roolit",
        "Hankkeen käynnistys, SOCOBA-ekosysteemin roolit ja tehtävät sekä kehittämisen kärjet "
        "kansalaislähtöinen sosiaalihuolto ja sähköinen asiointi.",
        False,
    ),
    (
        datetime.date(2018, 11, 13),
        "Kansalaislähtöinen sosiaalihuolto Kainuussa",
        "Asiakkaiden osallisuus palvelujen suunnittelussa ja kokemusasiantuntijuus sosiaalityössä.",
        False,
    ),
    (
        datetime.date(2019, 4, 9),
        "Sähköinen asiointi sosiaalipalveluissa",
        "Digitaaliset palvelut, etäasiointi ja sähköisen asioinnin saavutettavuus.",
        False,
    ),
    (
        datetime.date(2019, 11, 19),
        "Tutkiva sosiaalityö ja käytännön kehittäminen",
        "Opiskelijoiden kehittämistehtävät ja pro gradu -aiheet työelämän tarpeista.",
        False,
    ),
    (
        datetime.date(2020, 9, 22),
        "Osallisuus ja digitaalisuus poikkeusaikana",
        "Mitä poikkeusaika opetti kansalaislähtöisestä ja sähköisestä sosiaalihuollosta.",
        True,
    ),
    (
        datetime.date(2021, 2, 23),
        "Sosiaalisesti kestävä Kainuu: tulokset ja jatko",
        "Hankkeen tulokset, kehittämisen kärkien saavutukset ja ekosysteemin jatko.",
        True,
    ),
]

KYMENLAAKSO_EVENTS = [
    # (slug, kind, date, title, address, description)
    (
        "kymenlaakso-ekosysteemin-aloitusseminaari-2018",
        Event.Kind.SEMINAR,
        datetime.date(2018, 9, 25),
        "SOCOBA-ekosysteemin aloitusseminaari",
        KOUVOLA,
        "Kymenlaakson kuntien, yliopiston ja kesäyliopiston yhteinen aloitus: mitä on sosiaalisesti kestävä "
        "Kymenlaakso?",
    ),
    (
        "kymenlaakso-tyopaja-asiakkaan-aani-2019",
        Event.Kind.WORKSHOP,
        datetime.date(2019, 2, 12),
        "Työpaja: asiakkaan ääni palvelujen kehittämisessä",
        KOTKA,
        "Käytännön työpaja sosiaalialan ammattilaisille asiakaslähtöisistä kehittämismenetelmistä.",
    ),
    (
        "kymenlaakso-verkostotapaaminen-kevat-2019",
        Event.Kind.NETWORK_MEETING,
        datetime.date(2019, 5, 21),
        "Kuntien verkostotapaaminen, kevät 2019",
        HAMINA,
        "Kuntien sosiaalityön vastuuhenkilöiden tapaaminen: kehittämistehtävien aiheet ja yhteistyö.",
    ),
    (
        "kymenlaakso-tyopaja-tutkimus-ja-kaytanto-2019",
        Event.Kind.WORKSHOP,
        datetime.date(2019, 10, 8),
        "Työpaja: tutkimus ja käytäntö kohtaavat",
        KOUVOLA,
        "Opiskelijat ja työelämä ideoivat yhdessä tutkimusaiheita ja opinnäytteitä.",
    ),
    (
        "kymenlaakso-verkostotapaaminen-syksy-2019",
        Event.Kind.NETWORK_MEETING,
        datetime.date(2019, 12, 3),
        "Kuntien verkostotapaaminen, syksy 2019",
        KOTKA,
        "Ekosysteemin kuulumiset ja vuoden 2020 suunnitelmat.",
    ),
    (
        "kymenlaakso-paatosseminaari-2020",
        Event.Kind.SEMINAR,
        datetime.date(2020, 11, 24),
        "Sosiaalisesti kestävää Kymenlaaksoa tekemässä: päätösseminaari",
        KOUVOLA,
        "Hankkeen tulokset ja maisteriohjelman kokemukset; julkaisun esittely.",
    ),
]


def _aware(day, hour, minute=0):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def load(stdout):
    kainuu = Project.objects.filter(slug="kainuu").first()
    kymenlaakso = Project.objects.filter(slug="kymenlaakso").first()
    if kainuu is None or kymenlaakso is None:
        stdout.write("Seminars demo skipped: the demo projects are missing.")
        return
    for number, seminar in enumerate(KAINUU_SEMINARS, start=1):
        _kainuu_seminar(kainuu, number, *seminar)
    for slug, kind, day, title, address, description in KYMENLAAKSO_EVENTS:
        event = _event(
            slug,
            kymenlaakso,
            kind=kind,
            start=_aware(day, 9 if kind == Event.Kind.SEMINAR else 12, 0),
            end=_aware(day, 15, 30),
            address=address,
            capacity=80 if kind == Event.Kind.SEMINAR else 30,
            title=translations("title", title),
            description=translations("description", description),
        )
        _programme(event, kind)
        _registrations(event, 40 if kind == Event.Kind.SEMINAR else 18)
    _upcoming(kymenlaakso, kainuu)
    stdout.write(f"Demo events: {Event.objects.filter(is_demo=True).count()}")


def _event(slug, project, *, title, description, **values):
    event, _changed = upsert(
        Event,
        {"slug": slug},
        {
            "project": project,
            "status": Event.Status.PUBLISHED,
            "is_demo": True,
            **title,
            **description,
            **values,
        },
    )
    return event


def _kainuu_seminar(project, number, day, title, theme, online):
    event = _event(
        f"socoba-seminaari-{number}-kainuu",
        project,
        kind=Event.Kind.SEMINAR,
        series_name_fi="SOCOBA-seminaari",
        series_name_sv="SOCOBA-seminarium",
        series_name_en="SOCOBA seminar",
        series_number=number,
        series_total=len(KAINUU_SEMINARS),
        start=_aware(day, 9),
        end=_aware(day, 15, 30),
        venue_fi="" if online else "Auditorio (demo)",
        address="" if online else KAJAANI,
        online_url="https://example.invalid/socoba-webinaari" if online else "",
        capacity=100,
        title=translations("title", title),
        description=translations(
            "description",
            f"{theme}\n\nSeminaari kokoaa SOCOBA-ekosysteemin: yliopistot, Kainuun sote ja alan ammattilaiset. "
            "Kehittämisen kärjet: " + " ja ".join(SPEARHEADS).lower() + ". (Demosisältöä.)",
        ),
    )
    _programme(event, Event.Kind.SEMINAR, spearhead=SPEARHEADS[(number - 1) % 2])
    label = f"SOCOBA-seminaari {number}/{len(KAINUU_SEMINARS)}"
    _material(event, "Seminaarin ohjelma (demo)", "ohjelma", label, Material.Visibility.WITH_EVENT, 0)
    _material(event, "Esitysmateriaalit (demo)", "esitykset", label, Material.Visibility.AFTER_EVENT, 1)
    _registrations(event, 45 + number * 3)


def _material(event, title, name, label, visibility, order):
    """A demo PDF, made once (the model needs its file or link from the start)."""
    material = Material.objects.filter(event=event, title_fi=title).first()
    if material is None:
        material = Material(event=event, title_fi=title, visibility=visibility, order=order, is_demo=True)
        material.file.save(f"{event.slug}-{name}.pdf", ContentFile(_demo_pdf(f"{label}: {title}")), save=False)
        material.save()
    else:
        attach_file(material, "file", f"{event.slug}-{name}.pdf", lambda: _demo_pdf(f"{label}: {title}"))
    return material


def _programme(event, kind, spearhead="Sosiaalisesti kestävä Kymenlaakso"):
    if kind == Event.Kind.SEMINAR:
        items = [
            (datetime.time(9), datetime.time(9, 15), "Avaus", "Koordinaattori (demo), Itä-Suomen yliopisto"),
            (
                datetime.time(9, 15),
                datetime.time(10, 30),
                f"Alustus: {spearhead}",
                "Tutkija Esimerkki (demo), Itä-Suomen yliopisto",
            ),
            (
                datetime.time(10, 45),
                datetime.time(12),
                "Käytännön puheenvuoro",
                "Sosiaalityöntekijä Malli (demo); Johtava sosiaalityöntekijä Testi (demo)",
            ),
            (datetime.time(12), datetime.time(12, 45), "Lounas", ""),
            (datetime.time(12, 45), datetime.time(14, 30), "Työpajat ja yhteiskehittäminen", ""),
            (datetime.time(14, 30), datetime.time(15, 30), "Yhteenveto ja jatko", "Koordinaattori (demo)"),
        ]
    else:
        items = [
            (datetime.time(12), datetime.time(12, 15), "Tervetuloa", "Koordinaattori (demo)"),
            (datetime.time(12, 15), datetime.time(14, 30), "Työskentely pienryhmissä", ""),
            (datetime.time(14, 45), datetime.time(15, 30), "Yhteinen purku", ""),
        ]
    for start, end, title, speakers in items:
        upsert(
            ProgrammeItem,
            {"event": event, "start_time": start},
            {"end_time": end, "title_fi": title, "speakers": speakers},
        )


ORGANISATIONS = ["Kunta A (demo)", "Kunta B (demo)", "Sote-kuntayhtymä (demo)", "Järjestö C (demo)", ""]


def _registrations(event, count, *, attended=True, waitlisted=0):
    """Fictional registrants, created once (an anonymised event is not refilled)."""
    if event.registrations.exists():
        return
    seed = zlib.crc32(event.slug.encode())
    latest = min(event.start, timezone.now())
    rows = []
    for number in range(1, count + waitlisted + 1):
        cancelled = number % 11 == 0
        status = (
            Registration.Status.WAITLISTED
            if number > count
            else Registration.Status.CANCELLED
            if cancelled
            else Registration.Status.CONFIRMED
        )
        rows.append(
            Registration(
                event=event,
                name=f"Osallistuja {number} (demo)",
                email=f"osallistuja{number}.{seed % 10000}@example.invalid",
                organisation=ORGANISATIONS[(seed + number) % len(ORGANISATIONS)],
                status=status,
                attended=attended and status == Registration.Status.CONFIRMED and (seed + number) % 6 != 0,
                consent_at=latest - datetime.timedelta(days=20 - number % 20, minutes=number),
                created_at=latest - datetime.timedelta(days=20 - number % 20, minutes=number),
                language="fi",
                is_demo=True,
            )
        )
    Registration.objects.bulk_create(rows)


def _upcoming(kymenlaakso, kainuu):
    """Created once, relative to the first load; a re-run keeps them where they are."""
    today = timezone.localdate()
    if not Event.objects.filter(slug="socoba-tyopaja-demo").exists():
        day = today + datetime.timedelta(days=30)
        event = _event(
            "socoba-tyopaja-demo",
            kymenlaakso,
            kind=Event.Kind.WORKSHOP,
            start=_aware(day, 12),
            end=_aware(day, 15, 30),
            venue_fi="Kokoustila (demo)",
            address=KOUVOLA,
            capacity=30,
            registration_opens=timezone.now() - datetime.timedelta(days=1),
            registration_deadline=_aware(day - datetime.timedelta(days=7), 23, 59),
            title=translations(
                "title",
                "Työpaja: sosiaalisesti kestävä tulevaisuus (demo)",
                "Workshop: en socialt hållbar framtid (demo)",
                "Workshop: a socially sustainable future (demo)",
            ),
            description=translations(
                "description",
                "Avoin työpaja sosiaalialan ammattilaisille. Ilmoittautuminen on auki. (Demotapahtuma.)",
                "En öppen workshop för yrkesverksamma inom det sociala området. (Demo.)",
                "An open workshop for social work practitioners. Registration is open. (Demo event.)",
            ),
        )
        _programme(event, Event.Kind.WORKSHOP)
        _registrations(event, 6, attended=False)
    if not Event.objects.filter(slug="socoba-webinaari-demo").exists():
        day = today + datetime.timedelta(days=45)
        event = _event(
            "socoba-webinaari-demo",
            kainuu,
            kind=Event.Kind.WEBINAR,
            start=_aware(day, 13),
            end=_aware(day, 14, 30),
            online_url="https://example.invalid/socoba-webinaari",
            capacity=10,
            title=translations(
                "title",
                "Webinaari: sähköinen asiointi sosiaalityössä (demo)",
                "Webbinarium: e-tjänster i socialt arbete (demo)",
                "Webinar: e-services in social work (demo)",
            ),
            description=translations(
                "description",
                "Webinaari on täynnä: uudet ilmoittautujat pääsevät jonoon. (Demotapahtuma.)",
                "",
                "The webinar is full: new registrants join the waiting list. (Demo event.)",
            ),
        )
        _registrations(event, 10, attended=False, waitlisted=2)


def _demo_pdf(title):
    """A one-page PDF written by hand (no WeasyPrint needed for a placeholder)."""
    text = f"{title} - DEMO: esittelyaineistoa, ei alkuperainen materiaali.".encode("latin-1", "replace")
    text = text.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")
    stream = b"BT /F1 14 Tf 50 780 Td (" + text + b") Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    output = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(output))
        output += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(output)
    output += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        output += f"{offset:010d} 00000 n \n".encode()
    output += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(output)
