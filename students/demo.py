"""Demo data for the master's cohorts: both cohorts with a plausible 120-op
study plan, 20 + 25 clearly fictional students (surnames end in "(demo)",
``is_demo`` is set, emails use the reserved ``example.invalid`` domain), their
completions and theses, and thesis topics tied to the projects' spearheads.
Fixed dates (2018–2021), so every run gives the same data; idempotent.
"""

import datetime
from decimal import Decimal
from itertools import product

from projects.models import Organisation, Project, Spearhead
from socoba_portal.demodata import translations, upsert

from . import demo_scale
from .models import Cohort, Completion, Course, Student, Thesis, ThesisTopic

D = datetime.date

STUDY_PLAN = [
    # code, fi, sv, en, credits, kind
    (
        "SOS-101",
        "Sosiaalityön teoria ja käytäntö",
        "Socialt arbetes teori och praktik",
        "Social work theory and practice",
        10,
        Course.Kind.MODULE,
    ),
    (
        "SOS-102",
        "Sosiaalityön tutkimus ja menetelmät",
        "Forskning och metoder i socialt arbete",
        "Social work research and methods",
        10,
        Course.Kind.MODULE,
    ),
    (
        "SOS-103",
        "Sosiaalipolitiikka ja hyvinvointivaltio",
        "Socialpolitik och välfärdsstaten",
        "Social policy and the welfare state",
        10,
        Course.Kind.COURSE,
    ),
    (
        "SOS-104",
        "Asiakastyön vuorovaikutus ja etiikka",
        "Interaktion och etik i klientarbetet",
        "Client work: interaction and ethics",
        10,
        Course.Kind.COURSE,
    ),
    (
        "SOS-105",
        "Sosiaalityön oikeudelliset perusteet",
        "Socialt arbetes juridiska grunder",
        "Legal foundations of social work",
        10,
        Course.Kind.COURSE,
    ),
    (
        "SOS-106",
        "Rakenteellinen sosiaalityö",
        "Strukturellt socialt arbete",
        "Structural social work",
        10,
        Course.Kind.COURSE,
    ),
    (
        "SOS-107",
        "Sosiaalihuollon johtaminen ja kehittäminen",
        "Ledning och utveckling av socialvården",
        "Leading and developing social services",
        10,
        Course.Kind.COURSE,
    ),
    (
        "SOS-108",
        "Kehittävä harjoittelu",
        "Utvecklande praktik",
        "Developmental practice placement",
        10,
        Course.Kind.COURSE,
    ),
    ("SOS-109", "Tutkielmaseminaari", "Avhandlingsseminarium", "Thesis seminar", 10, Course.Kind.COURSE),
    (
        "SOS-110",
        "Pro gradu -tutkielma",
        "Pro gradu-avhandling",
        "Master's thesis (pro gradu)",
        30,
        Course.Kind.THESIS,
    ),
]

FIRST_NAMES = [
    "Aino",
    "Elina",
    "Hanna",
    "Johanna",
    "Katja",
    "Laura",
    "Maria",
    "Minna",
    "Noora",
    "Paula",
    "Riikka",
    "Sanna",
    "Satu",
    "Tiina",
    "Ulla",
    "Veera",
    "Anu",
    "Heidi",
    "Jenni",
    "Kaisa",
    "Liisa",
    "Marjo",
    "Outi",
    "Pia",
    "Sari",
]
MALE_FIRST_NAMES = ["Antti", "Jari", "Mikko", "Timo", "Ville"]
SURNAMES = [
    f"{stem}{ending}"
    for stem, ending in product(
        ["Demo", "Malli", "Koe", "Esimerkki", "Kuvitelma", "Harjoitus", "Testi", "Keksi", "Luonnos"],
        ["lainen", "nen", "mäki", "niemi", "salo"],
    )
]
AGE_BANDS = ["30_39", "40_49", "30_39", "under_30", "50_plus", "40_49", "30_39", "40_49", "under_30"]

COHORTS = {
    "kainuu": {
        "slug": "kainuu-2018",
        "prefix": "K",
        "name": (
            "Kainuun maisteriryhmä 2018–2021",
            "Kajanalands magistergrupp 2018–2021",
            "Kainuu master's cohort 2018–2021",
        ),
        "start_term": ("syksy 2018", "hösten 2018", "autumn 2018"),
        "location": ("Kajaani", "Kajana", "Kajaani"),
        "intake_target": 20,
        "admitted_on": D(2018, 8, 20),
        "project_end": D(2021, 3, 31),
        "course_dates": [
            D(2018, 12, 14),
            D(2019, 3, 15),
            D(2019, 5, 24),
            D(2019, 10, 18),
            D(2019, 12, 13),
            D(2020, 3, 13),
            D(2020, 5, 22),
            D(2020, 9, 25),
            D(2020, 11, 27),
        ],
        "thesis_dates": [D(2020, 10, 30), D(2020, 12, 11), D(2021, 1, 29), D(2021, 2, 26), D(2021, 3, 12)],
        # index ranges: graduated, active, on leave, withdrawn
        "plan": ["graduated"] * 16 + ["active", "on_leave", "withdrawn", "withdrawn"],
        "employers": [
            "Kainuun sote, aikuissosiaalityö (demo)",
            "Kainuun sote, lastensuojelu (demo)",
            "Kainuun sote, vammaispalvelut (demo)",
            "Kuvitteellinen järjestö ry (demo)",
        ],
    },
    "kymenlaakso": {
        "slug": "kymenlaakso-2018",
        "prefix": "Y",
        "name": (
            "Kymenlaakson maisteriryhmä 2018–2020",
            "Kymmenedalens magistergrupp 2018–2020",
            "Kymenlaakso master's cohort 2018–2020",
        ),
        "start_term": ("syksy 2018", "hösten 2018", "autumn 2018"),
        "location": ("Kouvola", "Kouvola", "Kouvola"),
        "intake_target": 25,
        "admitted_on": D(2018, 8, 27),
        "project_end": D(2020, 12, 31),
        "course_dates": [
            D(2018, 11, 23),
            D(2019, 1, 25),
            D(2019, 3, 29),
            D(2019, 5, 17),
            D(2019, 9, 27),
            D(2019, 11, 29),
            D(2020, 1, 31),
            D(2020, 3, 27),
            D(2020, 4, 24),
        ],
        "thesis_dates": [D(2020, 5, 29), D(2020, 8, 28), D(2020, 9, 25), D(2020, 10, 30), D(2020, 11, 27)],
        "plan": ["graduated"] * 20 + ["active", "active", "on_leave", "withdrawn", "withdrawn"],
        "employers": [
            "Kouvolan kaupungin sosiaalipalvelut (demo)",
            "Kotkan kaupungin aikuissosiaalityö (demo)",
            "Kuvitteellinen sosiaalipalveluyritys Oy (demo)",
        ],
    },
}

JOB_TITLES = ["sosiaaliohjaaja", "palveluohjaaja", "sosiaalityöntekijän sijainen", "perhetyöntekijä"]

TOPICS = {
    "kainuu": [
        # fi, sv, en, spearhead index, status
        (
            "Asiakasraadit sosiaalihuollon kehittämisessä",
            "Klientråd i utvecklingen av socialvården",
            "Client panels in developing social services",
            0,
            ThesisTopic.Status.COMPLETED,
        ),
        (
            "Kokemusasiantuntijuus aikuissosiaalityössä",
            "Erfarenhetsexperter i socialt arbete med vuxna",
            "Experts by experience in adult social work",
            0,
            ThesisTopic.Status.TAKEN,
        ),
        (
            "Asiakkaan osallisuus lastensuojelun asiakasprosessissa",
            "Klientens delaktighet i barnskyddets klientprocess",
            "Client participation in the child welfare process",
            0,
            ThesisTopic.Status.APPROVED,
        ),
        (
            "Sähköisen asioinnin esteet ikääntyneiden palveluissa",
            "Hinder för elektroniska tjänster inom äldreomsorgen",
            "Barriers to e-services in services for older people",
            1,
            ThesisTopic.Status.COMPLETED,
        ),
        (
            "Etäyhteydet sosiaalityön asiakastapaamisissa",
            "Distansmöten i socialt arbete",
            "Remote meetings in social work with clients",
            1,
            ThesisTopic.Status.APPROVED,
        ),
        (
            "Chat-palvelu nuorten sosiaalityön kanavana",
            "Chatt som kanal för socialt arbete med unga",
            "Chat as a channel of social work with young people",
            1,
            ThesisTopic.Status.PROPOSED,
        ),
    ],
    "kymenlaakso": [
        (
            "Rakenteellinen sosiaalityö kunnan päätöksenteossa",
            "Strukturellt socialt arbete i kommunens beslutsfattande",
            "Structural social work in municipal decision-making",
            None,
            ThesisTopic.Status.COMPLETED,
        ),
        (
            "Monialainen yhteistyö aikuissosiaalityössä",
            "Sektorsövergripande samarbete i socialt arbete med vuxna",
            "Multi-professional cooperation in adult social work",
            None,
            ThesisTopic.Status.TAKEN,
        ),
        (
            "Sosiaalityön vaikuttavuuden arviointi",
            "Utvärdering av det sociala arbetets effekter",
            "Evaluating the impact of social work",
            None,
            ThesisTopic.Status.APPROVED,
        ),
        (
            "Nuorten aikuisten syrjäytymisen ehkäisy",
            "Att förebygga utanförskap bland unga vuxna",
            "Preventing the social exclusion of young adults",
            None,
            ThesisTopic.Status.APPROVED,
        ),
        (
            "Sosiaalipäivystyksen kehittäminen",
            "Utveckling av socialjouren",
            "Developing emergency social services",
            None,
            ThesisTopic.Status.PROPOSED,
        ),
    ],
}

# A description of each topic (keyed by its Finnish title): what a thesis on it would study.
TOPIC_DESCRIPTIONS = {
    "Asiakasraadit sosiaalihuollon kehittämisessä": (
        "Miten asiakasraatien ehdotukset päätyvät sosiaalihuollon palveluihin, ja mikä edistää tai estää sitä?",
        "Hur klientrådens förslag når socialvårdens tjänster, och vad som främjar eller hindrar det.",
        "How the proposals of client panels reach social services, and what helps or hinders this.",
    ),
    "Kokemusasiantuntijuus aikuissosiaalityössä": (
        "Kokemusasiantuntijoiden roolit aikuissosiaalityön asiakastyössä ja palvelujen kehittämisessä.",
        "Erfarenhetsexperternas roller i klientarbetet och i utvecklingen av socialt arbete med vuxna.",
        "The roles of experts by experience in client work and in developing adult social work.",
    ),
    "Asiakkaan osallisuus lastensuojelun asiakasprosessissa": (
        "Miten lapsi ja perhe voivat vaikuttaa lastensuojelun asiakasprosessin eri vaiheissa?",
        "Hur barnet och familjen kan påverka i barnskyddets klientprocess olika skeden.",
        "How the child and the family can have a say at each stage of the child welfare process.",
    ),
    "Sähköisen asioinnin esteet ikääntyneiden palveluissa": (
        "Mitkä tekijät estävät ikääntyneitä käyttämästä sähköisiä sosiaalipalveluja, ja miten esteitä voi purkaa?",
        "Vad som hindrar äldre från att använda elektroniska socialtjänster, och hur hindren kan undanröjas.",
        "What keeps older people from using electronic social services, and how the barriers can be removed.",
    ),
    "Etäyhteydet sosiaalityön asiakastapaamisissa": (
        "Etätapaamisen vaikutukset luottamukseen ja vuorovaikutukseen sosiaalityön asiakastyössä.",
        "Hur distansmöten påverkar förtroendet och växelverkan i klientarbetet inom socialt arbete.",
        "How remote meetings affect trust and interaction in social work with clients.",
    ),
    "Chat-palvelu nuorten sosiaalityön kanavana": (
        "Tavoittaako chat-palvelu nuoret, jotka eivät hakeudu sosiaalityön vastaanotolle?",
        "Når chatten de unga som inte söker sig till socialarbetarens mottagning?",
        "Does a chat service reach young people who do not come to a social worker's office?",
    ),
    "Rakenteellinen sosiaalityö kunnan päätöksenteossa": (
        "Miten sosiaalityöntekijöiden tieto asukkaiden arjesta välittyy kunnan päätöksentekoon?",
        "Hur socialarbetarnas kunskap om invånarnas vardag når kommunens beslutsfattande.",
        "How social workers' knowledge of residents' everyday lives reaches municipal decision-making.",
    ),
    "Monialainen yhteistyö aikuissosiaalityössä": (
        "Sosiaalityön, terveydenhuollon ja työllisyyspalvelujen yhteistyön käytännöt ja kitkakohdat.",
        "Samarbetet mellan socialt arbete, hälsovård och sysselsättningstjänster: praxis och friktion.",
        "Co-operation between social work, health care and employment services: practices and friction.",
    ),
    "Sosiaalityön vaikuttavuuden arviointi": (
        "Millä mittareilla kunnan sosiaalityön vaikuttavuutta voi arvioida asiakkaan näkökulmasta?",
        "Med vilka mätare kan kommunens sociala arbete utvärderas ur klientens synvinkel?",
        "Which measures can evaluate the impact of municipal social work from the client's point of view?",
    ),
    "Nuorten aikuisten syrjäytymisen ehkäisy": (
        "Varhaisen tuen keinot 18–29-vuotiaiden syrjäytymisen ehkäisyssä kuntien sosiaalityössä.",
        "Tidigt stöd för att förebygga utanförskap bland 18–29-åringar i kommunernas sociala arbete.",
        "Early support to prevent the social exclusion of 18–29-year-olds in municipal social work.",
    ),
    "Sosiaalipäivystyksen kehittäminen": (
        "Sosiaalipäivystyksen yhteistyö poliisin ja terveydenhuollon kanssa virka-ajan ulkopuolella.",
        "Socialjourens samarbete med polisen och hälsovården utanför tjänstetid.",
        "Emergency social services' co-operation with the police and health care out of office hours.",
    ),
}

PROPOSERS = {"kainuu": "Kainuun sosiaali- ja terveydenhuollon kuntayhtymä", "kymenlaakso": "Kymenlaakson kunnat"}


def load(stdout, scale=0):
    """The seed projects' cohorts; with ``scale``, the scaled demo's cohorts too (``demo_scale``)."""
    surnames = iter(SURNAMES)
    for project_slug, seed in COHORTS.items():
        project = Project.objects.filter(slug=project_slug).first()
        if project is None:
            continue
        cohort = _load_cohort(project, seed)
        topics = _load_topics(project, project_slug)
        students = _load_students(cohort, seed, surnames, topics)
        stdout.write(f"Cohort: {cohort} ({students} demo students)")
    if scale:
        demo_scale.load(stdout, scale, study_plan=STUDY_PLAN, names=(FIRST_NAMES, MALE_FIRST_NAMES, SURNAMES))


def _load_cohort(project, seed):
    cohort, _changed = upsert(
        Cohort,
        {"slug": seed["slug"]},
        {
            "project": project,
            **translations("name", *seed["name"]),
            **translations(
                "degree", "Yhteiskuntatieteiden maisteri", "Politices magister", "Master of Social Sciences"
            ),
            **translations("start_term", *seed["start_term"]),
            **translations("teaching_location", *seed["location"]),
            "credits_required": 120,
            "intake_target": seed["intake_target"],
        },
    )
    for order, (code, fi, sv, en, credits, kind) in enumerate(STUDY_PLAN, start=1):
        upsert(
            Course,
            {"cohort": cohort, "code": code},
            {
                "name_fi": fi,
                "name_sv": sv,
                "name_en": en,
                "credits": Decimal(credits),
                "kind": kind,
                "order": order,
            },
        )
    return cohort


def _load_topics(project, project_slug):
    spearheads = list(Spearhead.objects.filter(project=project).order_by("order", "pk"))
    proposer = Organisation.objects.filter(name_fi=PROPOSERS[project_slug]).first()
    topics = []
    for fi, sv, en, spearhead_index, status in TOPICS[project_slug]:
        spearhead = spearheads[spearhead_index] if spearhead_index is not None and spearheads else None
        topic, _changed = upsert(
            ThesisTopic,
            {"project": project, "title_fi": fi},
            {
                "title_sv": sv,
                "title_en": en,
                **translations("description", *TOPIC_DESCRIPTIONS[fi]),
                "spearhead": spearhead,
                "proposing_organisation": proposer,
                "status": status,
            },
        )
        topics.append(topic)
    return [topic for topic in topics if topic.status in (ThesisTopic.Status.TAKEN, ThesisTopic.Status.COMPLETED)]


def _load_students(cohort, seed, surnames, topics):
    courses = list(cohort.courses.order_by("order"))
    plan = seed["plan"]
    for index, status in enumerate(plan):
        is_male = index % 7 == 6
        first_name = MALE_FIRST_NAMES[index % len(MALE_FIRST_NAMES)] if is_male else FIRST_NAMES[index]
        surname = next(surnames)
        number = f"DEMO-{seed['prefix']}{index + 1:03d}"
        admitted_on = seed["admitted_on"]
        done = {"graduated": 10, "active": 9 - plan[:index].count("active"), "on_leave": 5}.get(
            status, 2 + index % 2
        )
        completion_dates = [*seed["course_dates"], seed["thesis_dates"][index % len(seed["thesis_dates"])]]
        values = {
            "cohort": cohort,
            "first_name": first_name,
            "last_name": f"{surname} (demo)",
            "email": f"{first_name.lower()}.{surname.lower()}@example.invalid".replace("ä", "a"),
            "employer": seed["employers"][index % len(seed["employers"])],
            "job_title": JOB_TITLES[index % len(JOB_TITLES)],
            "gender": Student.Gender.MALE if is_male else Student.Gender.FEMALE,
            "age_band": AGE_BANDS[index % len(AGE_BANDS)],
            "admitted_on": admitted_on,
            "status": status,
            "leave_started_on": D(2019, 9, 1) if status == "on_leave" else None,
            "graduated_on": None,
            "withdrew_on": None,
            "is_esf_participant": True,
            "esf_start_info_collected_on": admitted_on,
            "esf_participation_start": admitted_on,
            "is_demo": True,
        }
        if status == "graduated":
            values["graduated_on"] = completion_dates[-1] + datetime.timedelta(days=14)
            end = values["graduated_on"]
        elif status == "withdrawn":
            values["withdrew_on"] = completion_dates[done - 1] + datetime.timedelta(days=60)
            end = values["withdrew_on"]
        else:
            end = seed["project_end"]  # participation ends with the project
        values |= {"esf_participation_end": end, "esf_end_info_collected_on": end}
        student, _changed = upsert(Student, {"student_number": number}, values)
        for position, course in enumerate(courses[:done]):
            upsert(
                Completion,
                {"student": student, "course": course},
                {
                    "completed_on": completion_dates[position],
                    "grade": Completion.Grade.PASS
                    if course.code == "SOS-108"
                    else str((index + position) % 5 + 1),
                },
            )
        if status in ("graduated", "active"):
            topic = topics[index % len(topics)] if topics and index % 3 != 2 else None
            subject = topic.title_fi if topic else "Sosiaalityön pro gradu -tutkielma"
            upsert(
                Thesis,
                {"student": student},
                {
                    "title": f"{subject}: näkökulma {index + 1} (demo)",
                    "supervisor": f"Ohjaaja {'ABC'[index % 3]} (demo)",
                    "status": Thesis.Status.APPROVED if status == "graduated" else Thesis.Status.IN_PROGRESS,
                    "topic": topic,
                },
            )
    return len(plan)
