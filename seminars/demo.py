"""Demo events: the six SOCOBA seminars of Kainuu (2018–2021), Kymenlaakso's
workshops, network meetings and seminars (2018–2020), and the upcoming events of
the running, fictional demo project, on working days relative to the day the demo
is first loaded. Every event, programme item and material is in Finnish, Swedish
and English.

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
from socoba_portal.demodata import attach_file, translations, upsert, working_day_on_or_after

from . import demo_scale
from .models import Event, Material, ProgrammeItem, Registration

KAJAANI = "Kajaanin yliopistokeskus (demo-osoite), Ketunpolku 1, 87100 Kajaani"
KOUVOLA = "Kouvolan kaupungintalo (demo-osoite), Torikatu 10, 45100 Kouvola"
KOTKA = "Kotkan kaupungintalo (demo-osoite), Kustaankatu 2, 48100 Kotka"
HAMINA = "Haminan raatihuone (demo-osoite), Raatihuoneentori 1, 49400 Hamina"
ESIMERKKILA = "Esimerkkilän kaupungintalo (demo-osoite), Esimerkkikatu 1, 99999 Esimerkkilä"

# The venue (room) of each address, in Finnish, Swedish and English.
VENUES = {
    KAJAANI: ("Auditorio (demo)", "Auditoriet (demo)", "Auditorium (demo)"),
    KOUVOLA: ("Valtuustosali (demo)", "Fullmäktigesalen (demo)", "Council chamber (demo)"),
    KOTKA: ("Kokoushuone Kymi (demo)", "Mötesrummet Kymi (demo)", "Meeting room Kymi (demo)"),
    HAMINA: ("Raatihuoneen sali (demo)", "Rådhussalen (demo)", "Town hall assembly room (demo)"),
    ESIMERKKILA: ("Kokoustila (demo)", "Mötesrummet (demo)", "Meeting room (demo)"),
}

SPEARHEADS = {
    "fi": ["Kansalaislähtöinen sosiaalihuolto", "Sähköinen asiointi"],
    "sv": ["Medborgarorienterad socialvård", "Elektroniska tjänster"],
    "en": ["Citizen-centred social services", "E-services"],
}

KAINUU_SEMINARS = [
    # (date, (title fi, sv, en), (theme fi, sv, en), online)
    (
        datetime.date(2018, 4, 17),
        (
            "Ekosysteemi käyntiin: yhteiset tavoitteet ja roolit",
            "Ekosystemet i gång: gemensamma mål och roller",
            "Starting the ecosystem: shared aims and roles",
        ),
        (
            "Hankkeen käynnistys, SOCOBA-ekosysteemin roolit ja tehtävät sekä kehittämisen kärjet "
            "kansalaislähtöinen sosiaalihuolto ja sähköinen asiointi.",
            "Projektet startar: rollerna och uppgifterna i SOCOBA-ekosystemet och utvecklingsspetsarna "
            "medborgarorienterad socialvård och elektroniska tjänster.",
            "The project starts: the roles and tasks in the SOCOBA ecosystem and the development spearheads, "
            "citizen-centred social services and e-services.",
        ),
        False,
    ),
    (
        datetime.date(2018, 11, 13),
        (
            "Kansalaislähtöinen sosiaalihuolto Kainuussa",
            "Medborgarorienterad socialvård i Kajanaland",
            "Citizen-centred social services in Kainuu",
        ),
        (
            "Asiakkaiden osallisuus palvelujen suunnittelussa ja kokemusasiantuntijuus sosiaalityössä.",
            "Klienternas delaktighet i planeringen av tjänsterna och erfarenhetsexperter i socialt arbete.",
            "Clients' participation in planning services, and experts by experience in social work.",
        ),
        False,
    ),
    (
        datetime.date(2019, 4, 9),
        (
            "Sähköinen asiointi sosiaalipalveluissa",
            "Elektroniska tjänster inom socialservicen",
            "E-services in social services",
        ),
        (
            "Digitaaliset palvelut, etäasiointi ja sähköisen asioinnin saavutettavuus.",
            "Digitala tjänster, distanskontakter och tillgängliga elektroniska tjänster.",
            "Digital services, remote contact and the accessibility of e-services.",
        ),
        False,
    ),
    (
        datetime.date(2019, 11, 19),
        (
            "Tutkiva sosiaalityö ja käytännön kehittäminen",
            "Forskande socialt arbete och utveckling av praktiken",
            "Research-minded social work and developing practice",
        ),
        (
            "Opiskelijoiden kehittämistehtävät ja pro gradu -aiheet työelämän tarpeista.",
            "De studerandes utvecklingsuppgifter och ämnen för avhandlingar pro gradu utifrån arbetslivets behov.",
            "The students' development assignments and master's thesis topics drawn from practice.",
        ),
        False,
    ),
    (
        datetime.date(2020, 9, 22),
        (
            "Osallisuus ja digitaalisuus poikkeusaikana",
            "Delaktighet och digitalisering under undantagstiden",
            "Participation and digital services in exceptional times",
        ),
        (
            "Mitä poikkeusaika opetti kansalaislähtöisestä ja sähköisestä sosiaalihuollosta.",
            "Vad undantagstiden lärde oss om medborgarorienterad och elektronisk socialvård.",
            "What the pandemic taught us about citizen-centred and electronic social services.",
        ),
        True,
    ),
    (
        datetime.date(2021, 2, 23),
        (
            "Sosiaalisesti kestävä Kainuu: tulokset ja jatko",
            "Socialt hållbart Kajanaland: resultat och fortsättning",
            "A socially sustainable Kainuu: results and what follows",
        ),
        (
            "Hankkeen tulokset, kehittämisen kärkien saavutukset ja ekosysteemin jatko.",
            "Projektets resultat, vad utvecklingsspetsarna har uppnått och hur ekosystemet fortsätter.",
            "The project's results, what the development spearheads achieved and how the ecosystem continues.",
        ),
        True,
    ),
]

KYMENLAAKSO_EVENTS = [
    # (slug, kind, date, (title fi, sv, en), address, (description fi, sv, en))
    (
        "kymenlaakso-ekosysteemin-aloitusseminaari-2018",
        Event.Kind.SEMINAR,
        datetime.date(2018, 9, 25),
        (
            "SOCOBA-ekosysteemin aloitusseminaari",
            "Startseminarium för SOCOBA-ekosystemet",
            "Opening seminar of the SOCOBA ecosystem",
        ),
        KOUVOLA,
        (
            "Kymenlaakson kuntien, yliopiston ja kesäyliopiston yhteinen aloitus: mitä on sosiaalisesti "
            "kestävä Kymenlaakso?",
            "En gemensam start för kommunerna i Kymmenedalen, universitetet och sommaruniversitetet: vad är "
            "ett socialt hållbart Kymmenedalen?",
            "A joint start for the municipalities of Kymenlaakso, the university and the summer university: "
            "what is a socially sustainable Kymenlaakso?",
        ),
    ),
    (
        "kymenlaakso-tyopaja-asiakkaan-aani-2019",
        Event.Kind.WORKSHOP,
        datetime.date(2019, 2, 12),
        (
            "Työpaja: asiakkaan ääni palvelujen kehittämisessä",
            "Workshop: klientens röst i utvecklingen av tjänsterna",
            "Workshop: the client's voice in developing services",
        ),
        KOTKA,
        (
            "Käytännön työpaja sosiaalialan ammattilaisille asiakaslähtöisistä kehittämismenetelmistä.",
            "En praktisk workshop för yrkesverksamma inom det sociala området om klientorienterade "
            "utvecklingsmetoder.",
            "A hands-on workshop for social work practitioners on client-centred development methods.",
        ),
    ),
    (
        "kymenlaakso-verkostotapaaminen-kevat-2019",
        Event.Kind.NETWORK_MEETING,
        datetime.date(2019, 5, 21),
        (
            "Kuntien verkostotapaaminen, kevät 2019",
            "Kommunernas nätverksträff, våren 2019",
            "Municipalities' network meeting, spring 2019",
        ),
        HAMINA,
        (
            "Kuntien sosiaalityön vastuuhenkilöiden tapaaminen: kehittämistehtävien aiheet ja yhteistyö.",
            "En träff för kommunernas ansvariga för socialt arbete: ämnen för utvecklingsuppgifter och samarbete.",
            "A meeting of the municipalities' heads of social work: development assignment topics and "
            "co-operation.",
        ),
    ),
    (
        "kymenlaakso-tyopaja-tutkimus-ja-kaytanto-2019",
        Event.Kind.WORKSHOP,
        datetime.date(2019, 10, 8),
        (
            "Työpaja: tutkimus ja käytäntö kohtaavat",
            "Workshop: forskning och praktik möts",
            "Workshop: research meets practice",
        ),
        KOUVOLA,
        (
            "Opiskelijat ja työelämä ideoivat yhdessä tutkimusaiheita ja opinnäytteitä.",
            "Studerande och arbetsliv tar tillsammans fram idéer till forskningsämnen och lärdomsprov.",
            "Students and practitioners come up with research and thesis topics together.",
        ),
    ),
    (
        "kymenlaakso-verkostotapaaminen-syksy-2019",
        Event.Kind.NETWORK_MEETING,
        datetime.date(2019, 12, 3),
        (
            "Kuntien verkostotapaaminen, syksy 2019",
            "Kommunernas nätverksträff, hösten 2019",
            "Municipalities' network meeting, autumn 2019",
        ),
        KOTKA,
        (
            "Ekosysteemin kuulumiset ja vuoden 2020 suunnitelmat.",
            "Nytt från ekosystemet och planerna för 2020.",
            "News from the ecosystem and the plans for 2020.",
        ),
    ),
    (
        "kymenlaakso-paatosseminaari-2020",
        Event.Kind.SEMINAR,
        datetime.date(2020, 11, 24),
        (
            "Sosiaalisesti kestävää Kymenlaaksoa tekemässä: päätösseminaari",
            "Vi bygger ett socialt hållbart Kymmenedalen: slutseminarium",
            "Building a socially sustainable Kymenlaakso: closing seminar",
        ),
        KOUVOLA,
        (
            "Hankkeen tulokset ja maisteriohjelman kokemukset; julkaisun esittely.",
            "Projektets resultat och erfarenheterna av magisterprogrammet; publikationen presenteras.",
            "The project's results and experiences of the master's programme; the publication is presented.",
        ),
    ),
]


def _translated(field, values):
    return translations(field, *values)


def _aware(day, hour, minute=0):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def load(stdout, scale=0):
    """The seed projects' events and the running demo project's; with ``scale``, the
    scaled demo's events too (``demo_scale``)."""
    kainuu = Project.objects.filter(slug="kainuu").first()
    kymenlaakso = Project.objects.filter(slug="kymenlaakso").first()
    running = Project.objects.filter(slug="esimerkkila-demo").first()
    if kainuu is None or kymenlaakso is None or running is None:
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
            **translations("venue", *VENUES[address]),
            capacity=80 if kind == Event.Kind.SEMINAR else 30,
            title=_translated("title", title),
            description=_translated("description", description),
        )
        _programme(event, kind, vision=VISIONS["kymenlaakso"])
        _registrations(event, 40 if kind == Event.Kind.SEMINAR else 18)
    # Only the running project advertises upcoming events.
    _upcoming(running)
    if scale:
        demo_scale.load(stdout, scale)
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
    conjunctions = {"fi": " ja ", "sv": " och ", "en": " and "}
    spearheads = {language: conjunctions[language].join(names).lower() for language, names in SPEARHEADS.items()}
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
        **translations("venue", *(("", "", "") if online else VENUES[KAJAANI])),
        address="" if online else KAJAANI,
        online_url="https://example.invalid/socoba-webinaari" if online else "",
        capacity=100,
        title=_translated("title", title),
        description=translations(
            "description",
            f"{theme[0]}\n\nSeminaari kokoaa SOCOBA-ekosysteemin: yliopistot, Kainuun sote ja alan ammattilaiset. "
            f"Kehittämisen kärjet: {spearheads['fi']}. (Demosisältöä.)",
            f"{theme[1]}\n\nSeminariet samlar SOCOBA-ekosystemet: universiteten, Kainuun sote och yrkesverksamma "
            f"inom området. Utvecklingsspetsarna: {spearheads['sv']}. (Demoinnehåll.)",
            f"{theme[2]}\n\nThe seminar brings the SOCOBA ecosystem together: the universities, Kainuun sote and "
            f"practitioners. The development spearheads: {spearheads['en']}. (Demo content.)",
        ),
    )
    spearhead = (number - 1) % 2
    _programme(
        event, Event.Kind.SEMINAR, vision={language: names[spearhead] for language, names in SPEARHEADS.items()}
    )
    label = f"SOCOBA-seminaari {number}/{len(KAINUU_SEMINARS)}"
    programme = ("Seminaarin ohjelma (demo)", "Seminariets program (demo)", "Seminar programme (demo)")
    slides = ("Esitysmateriaalit (demo)", "Presentationsmaterial (demo)", "Presentation slides (demo)")
    _material(event, programme, "ohjelma", label, Material.Visibility.WITH_EVENT, 0)
    _material(event, slides, "esitykset", label, Material.Visibility.AFTER_EVENT, 1)
    _registrations(event, 45 + number * 3)


def _material(event, titles, name, label, visibility, order):
    """A demo PDF, made once (the model needs its file or link from the start)."""
    title = titles[0]
    material = Material.objects.filter(event=event, title_fi=title).first()
    if material is None:
        material = Material(
            event=event, visibility=visibility, order=order, is_demo=True, **_translated("title", titles)
        )
        material.file.save(f"{event.slug}-{name}.pdf", ContentFile(_demo_pdf(f"{label}: {title}")), save=False)
        material.save()
    else:
        upsert(Material, {"pk": material.pk}, _translated("title", titles))
        attach_file(material, "file", f"{event.slug}-{name}.pdf", lambda: _demo_pdf(f"{label}: {title}"))
    return material


VISIONS = {
    "kymenlaakso": {
        "fi": "Sosiaalisesti kestävä Kymenlaakso",
        "sv": "Socialt hållbart Kymmenedalen",
        "en": "A socially sustainable Kymenlaakso",
    },
    "esimerkkila": {
        "fi": "Sosiaalisesti kestävä Esimerkkilä",
        "sv": "Socialt hållbara Exempelbygden",
        "en": "A socially sustainable Esimerkkilä",
    },
}


def _programme(event, kind, vision):
    """The day's programme in three languages; ``vision`` is the keynote's theme per language."""
    if kind == Event.Kind.SEMINAR:
        items = [
            (
                datetime.time(9),
                datetime.time(9, 15),
                ("Avaus", "Öppning", "Opening"),
                "Koordinaattori (demo), Itä-Suomen yliopisto",
            ),
            (
                datetime.time(9, 15),
                datetime.time(10, 30),
                (f"Alustus: {vision['fi']}", f"Inledning: {vision['sv']}", f"Keynote: {vision['en']}"),
                "Tutkija Esimerkki (demo), Itä-Suomen yliopisto",
            ),
            (
                datetime.time(10, 45),
                datetime.time(12),
                ("Käytännön puheenvuoro", "Anförande från praktiken", "A practitioner's talk"),
                "Sosiaalityöntekijä Malli (demo); Johtava sosiaalityöntekijä Testi (demo)",
            ),
            (datetime.time(12), datetime.time(12, 45), ("Lounas", "Lunch", "Lunch"), ""),
            (
                datetime.time(12, 45),
                datetime.time(14, 30),
                ("Työpajat ja yhteiskehittäminen", "Workshoppar och samutveckling", "Workshops and co-design"),
                "",
            ),
            (
                datetime.time(14, 30),
                datetime.time(15, 30),
                ("Yhteenveto ja jatko", "Sammanfattning och fortsättning", "Summary and next steps"),
                "Koordinaattori (demo)",
            ),
        ]
    else:
        items = [
            (
                datetime.time(12),
                datetime.time(12, 15),
                ("Tervetuloa", "Välkommen", "Welcome"),
                "Koordinaattori (demo)",
            ),
            (
                datetime.time(12, 15),
                datetime.time(14, 30),
                ("Työskentely pienryhmissä", "Arbete i smågrupper", "Work in small groups"),
                "",
            ),
            (
                datetime.time(14, 45),
                datetime.time(15, 30),
                ("Yhteinen purku", "Gemensam genomgång", "Pulling it together"),
                "",
            ),
        ]
    for start, end, titles, speakers in items:
        upsert(
            ProgrammeItem,
            {"event": event, "start_time": start},
            {
                "end_time": end,
                **_translated("title", titles),
                "speakers": speakers,
                "is_break": titles[0] == "Lounas",
            },
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


def _upcoming(project):
    """Two upcoming events of the running demo project, on working days relative to the
    first load; a re-run keeps their dates (and registrations) where they are."""
    today = timezone.localdate()
    workshop = Event.objects.filter(slug="socoba-tyopaja-demo").first()
    day = working_day_on_or_after(today + datetime.timedelta(days=30))
    dates = (
        {}
        if workshop
        else {
            "start": _aware(day, 12),
            "end": _aware(day, 15, 30),
            "registration_opens": timezone.now() - datetime.timedelta(days=1),
            "registration_deadline": _aware(day - datetime.timedelta(days=7), 23, 59),
        }
    )
    workshop = _event(
        "socoba-tyopaja-demo",
        project,
        kind=Event.Kind.WORKSHOP,
        **translations("venue", *VENUES[ESIMERKKILA]),
        address=ESIMERKKILA,
        capacity=30,
        title=translations(
            "title",
            "Työpaja: sosiaalisesti kestävä tulevaisuus (demo)",
            "Workshop: en socialt hållbar framtid (demo)",
            "Workshop: a socially sustainable future (demo)",
        ),
        description=translations(
            "description",
            "Avoin työpaja sosiaalialan ammattilaisille. Ilmoittautuminen on auki. (Demotapahtuma.)",
            "En öppen workshop för yrkesverksamma inom det sociala området. Anmälan är öppen. (Demoevenemang.)",
            "An open workshop for social work practitioners. Registration is open. (Demo event.)",
        ),
        **dates,
    )
    _programme(workshop, Event.Kind.WORKSHOP, vision=VISIONS["esimerkkila"])
    _registrations(workshop, 6, attended=False)
    webinar = Event.objects.filter(slug="socoba-webinaari-demo").first()
    day = working_day_on_or_after(today + datetime.timedelta(days=45))
    dates = {} if webinar else {"start": _aware(day, 13), "end": _aware(day, 14, 30)}
    webinar = _event(
        "socoba-webinaari-demo",
        project,
        kind=Event.Kind.WEBINAR,
        online_url="https://example.invalid/socoba-webinaari",
        capacity=10,
        title=translations(
            "title",
            "Webinaari: sähköinen asiointi sosiaalityössä (demo)",
            "Webbinarium: elektroniska tjänster i socialt arbete (demo)",
            "Webinar: e-services in social work (demo)",
        ),
        description=translations(
            "description",
            "Webinaari on täynnä: uudet ilmoittautujat pääsevät jonoon. (Demotapahtuma.)",
            "Webbinariet är fullt: nya anmälda kommer på väntelistan. (Demoevenemang.)",
            "The webinar is full: new registrants join the waiting list. (Demo event.)",
        ),
        **dates,
    )
    _registrations(webinar, 10, attended=False, waitlisted=2)


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
