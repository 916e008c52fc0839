"""Demo data for the projects: the facts of the two seed project pages
(``shared/seeds``) and the ESF project register, nothing invented about real
people. The publications' PDF files and covers are generated placeholders,
flagged ``is_demo`` in the admin.

Both seed projects have ended, so a third, wholly fictional project
(``DEMO_PROJECT``: "Esimerkkilä", flagged ``is_demo``) runs in the 2021–2027
programme period with ESF+ and owns the demo's upcoming events.
"""

import datetime
import secrets
from decimal import Decimal
from functools import cache
from io import BytesIO

from django.contrib.auth import get_user_model
from django.utils import timezone
from PIL import Image, ImageDraw, ImageFont

from socoba_portal.demodata import attach_file, translations, upsert

from . import demo_scale
from .models import (
    Contact,
    FundingShare,
    Membership,
    Organisation,
    Partnership,
    Project,
    Publication,
    PublicationState,
    Spearhead,
)

ORGANISATIONS = {
    "uef": {
        **translations(
            "name", "Itä-Suomen yliopisto", "Östra Finlands universitet", "University of Eastern Finland"
        ),
        "short_name": "UEF",
        "kind": Organisation.Kind.UNIVERSITY,
        "business_id": "0245894-7",
        "website": "https://www.uef.fi/",
    },
    "uef-social-sciences": {
        **translations(
            "name",
            "Itä-Suomen yliopisto, yhteiskuntatieteiden laitos",
            "Östra Finlands universitet, institutionen för samhällsvetenskaper",
            "University of Eastern Finland, Department of Social Sciences",
        ),
        "short_name": "UEF",
        "kind": Organisation.Kind.DEPARTMENT,
        "parent": "uef",
    },
    "kainuun-sote": {
        **translations(
            "name",
            "Kainuun sosiaali- ja terveydenhuollon kuntayhtymä",
            "Samkommunen för social- och hälsovården i Kajanaland",
            "Kainuu Social and Health Care Joint Authority",
        ),
        "short_name": "Kainuun sote",
        "kind": Organisation.Kind.JOINT_AUTHORITY,
    },
    "oulu": {
        **translations("name", "Oulun yliopisto", "Uleåborgs universitet", "University of Oulu"),
        "short_name": "OY",
        "kind": Organisation.Kind.UNIVERSITY,
        "business_id": "0245895-5",
        "website": "https://www.oulu.fi/",
    },
    "aikopa": {
        **translations(
            "name",
            "Oulun yliopisto, Kajaanin yliopistokeskus, Aikuis- ja täydennyskoulutuspalvelut",
            "Uleåborgs universitet, Kajana universitetscenter, vuxen- och fortbildningstjänster",
            "University of Oulu, Kajaani University Consortium, Adult and Continuing Education Services",
        ),
        "short_name": "AIKOPA",
        "kind": Organisation.Kind.DEPARTMENT,
        "parent": "oulu",
    },
    "kymenlaakson-kesayliopisto": {
        **translations(
            "name",
            "Kymenlaakson kesäyliopisto",
            "Kymmenedalens sommaruniversitet",
            "Kymenlaakso Summer University",
        ),
        "short_name": "",
        "kind": Organisation.Kind.SUMMER_UNIVERSITY,
    },
    "hameen-ely": {
        **translations("name", "Hämeen ELY-keskus", "NTM-centralen i Tavastland", "ELY Centre for Häme"),
        "short_name": "Hämeen ELY",
        "kind": Organisation.Kind.ELY_CENTRE,
    },
    "esimerkkilan-kunnat": {
        **translations(
            "name",
            "Esimerkkilän kunnat (demo)",
            "Kommunerna i Exempelbygden (demo)",
            "The municipalities of Esimerkkilä (demo)",
        ),
        "short_name": "",
        "kind": Organisation.Kind.MUNICIPALITY,
    },
    "esimerkkilan-ely": {
        **translations(
            "name",
            "Esimerkkilän ELY-keskus (demo)",
            "NTM-centralen i Exempelbygden (demo)",
            "ELY Centre for Esimerkkilä (demo)",
        ),
        "short_name": "",
        "kind": Organisation.Kind.ELY_CENTRE,
    },
    "kymenlaakson-kunnat": {
        **translations(
            "name", "Kymenlaakson kunnat", "Kommunerna i Kymmenedalen", "The municipalities of Kymenlaakso"
        ),
        "short_name": "",
        "kind": Organisation.Kind.MUNICIPALITY,
    },
}

KAINUU = {
    "slug": "kainuu",
    "values": {
        **translations(
            "official_name",
            "Kainuun sosiaalityön koulutus- ja kehittämishanke",
            "Utbildnings- och utvecklingsprojektet för socialt arbete i Kajanaland",
            "Kainuu Social Work Education and Development Project",
        ),
        **translations(
            "name",
            "Kainuun sosiaalityön koulutus- ja kehittämishanke",
            "Utbildnings- och utvecklingsprojektet för socialt arbete i Kajanaland",
            "Kainuu Social Work Education and Development Project",
        ),
        "acronym": "KASKK",
        **translations("region", "Kainuu", "Kajanaland", "Kainuu"),
        "state": PublicationState.PUBLISHED,
        "status": Project.Status.ENDED,
        "planned_start": datetime.date(2018, 1, 1),
        "planned_end": datetime.date(2021, 3, 31),
        "total_budget": Decimal("566712.00"),
        "fund": Project.Fund.ESF,
        "programme_period": Project.ProgrammePeriod.P2014_2020,
        **translations(
            "summary",
            "Hankkeen ensisijaisena tavoitteena on vastata ammattitaitoisen, koulutuksellisesti pätevän "
            "sosiaalityön työvoiman tarpeeseen Kainuun alueella. Tavoitetta toteutetaan hankkeen kautta "
            "toteutettavan yliopisto-opetuksen avulla.",
            "Projektets främsta mål är att svara på behovet av yrkeskunnig och behörig arbetskraft inom "
            "socialt arbete i Kajanaland. Målet nås genom universitetsundervisning som ordnas inom projektet.",
            "The project's primary aim is to meet the need for skilled, qualified social workers in the "
            "Kainuu region. The aim is pursued through university teaching provided by the project.",
        ),
        **translations(
            "results",
            "Hanke on toteuttanut Kainuussa 6 SOCOBA-seminaaria.",
            "Projektet har ordnat 6 SOCOBA-seminarier i Kajanaland.",
            "The project has held 6 SOCOBA seminars in Kainuu.",
        ),
        **translations(
            "description",
            "Kainuun sosiaalityön koulutus- ja kehittämishanke on Itä-Suomen yliopiston "
            "yhteiskuntatieteiden laitoksen (UEF), Kainuun sosiaali- ja terveydenhuollon kuntayhtymän "
            "(Kainuun sote) sekä Oulun yliopiston, Kajaanin yliopistokeskus, Aikuis- ja "
            "täydennyskoulutuspalvelut AIKOPAn (AIKOPA) yhteishanke. Hankkeen toteutuksesta ja sisällöstä "
            "vastaa Itä-Suomen yliopisto.",
            "Projektet är ett samarbetsprojekt mellan Östra Finlands universitets institution för "
            "samhällsvetenskaper (UEF), samkommunen för social- och hälsovården i Kajanaland (Kainuun sote) "
            "och Uleåborgs universitet, Kajana universitetscenter, vuxen- och fortbildningstjänster (AIKOPA). "
            "Östra Finlands universitet ansvarar för projektets genomförande och innehåll.",
            "The project is a joint project of the University of Eastern Finland's Department of Social "
            "Sciences (UEF), the Kainuu Social and Health Care Joint Authority (Kainuun sote) and the "
            "University of Oulu, Kajaani University Consortium, Adult and Continuing Education Services "
            "(AIKOPA). The University of Eastern Finland is responsible for the project's implementation "
            "and content.",
        ),
        **translations(
            "vision",
            "Sosiaalisesti kestävä Kainuu",
            "Socialt hållbart Kajanaland",
            "A socially sustainable Kainuu",
        ),
        "intake_target": 20,
        **translations(
            "programme_description",
            "Määrällisenä tavoitteena on, että mahdollisimman moni koulutukseen valituista opiskelijoista "
            "(20 henkilöä) suorittaa yhteiskuntatieteiden maisteritutkinnon.\n\n"
            "Koulutushankkeen tavoitteena on myös koulutus- ja kehittämistoimenpiteiden myötä parantaa "
            "sosiaalityöntekijöiden valmiuksia toimia alan toimintarakenteiden kehittäjinä. Tällä "
            "ylläpidetään sosiaalityön laatua ja vastataan alalla vallitsevaan rakenteellisen muutostyön "
            "haasteeseen.",
            "Det kvantitativa målet är att så många som möjligt av de studerande som antagits till "
            "utbildningen (20 personer) avlägger magisterexamen i samhällsvetenskaper.",
            "The quantitative goal is that as many as possible of the students admitted (20 people) complete "
            "the Master of Social Sciences degree.",
        ),
        **translations(
            "ecosystem_description",
            "Hankkeen kehittämistoimintaan liittyy sosiaalialan kehittämistarpeiden tunnistaminen sekä alan "
            "kehittämistoiminnan käynnistyminen ja vahvistaminen Kainuun alueella. Kehittämistoiminta "
            "toteutetaan siten, että siinä yhdistyvät luontevasti Itä-Suomen yliopiston ja AIKOPAn osaaminen "
            "sekä Kainuun alueiden ja työelämän tarpeiden näkökulma.\n\n"
            "SOCOBA on hankkeeseen osallistuvien yliopistojen ja Kainuun soten uusi yhteistyömalli "
            "(ekosysteemi), jossa yhteistyön osapuolilla on yhteisesti sovitut roolit ja tehtävät "
            "kehittämistyön eteenpäin viemisessä. Ekosysteemin innovaatio- ja kehittämistoiminnan avulla "
            "voidaan tunnistaa keskeisiä sosiaalialaan vaikuttavia ilmiöitä ja vaikuttaa niihin.",
            "SOCOBA är en ny samarbetsmodell (ett ekosystem) mellan universiteten i projektet och Kainuun "
            "sote, där parterna har gemensamt överenskomna roller och uppgifter i utvecklingsarbetet.",
            "SOCOBA is a new model of co-operation (an ecosystem) between the universities in the project and "
            "Kainuun sote, in which the partners have agreed roles and tasks in carrying development work "
            "forward.",
        ),
    },
    "funding": [
        (FundingShare.Source.ESF, Decimal(75), translations("note", "")),
        (
            FundingShare.Source.OTHER,
            Decimal(25),
            translations(
                "note",
                "kansallinen rahoitus, ei eritelty lähteessä",
                "nationell finansiering, inte specificerad i källan",
                "national funding, not itemised in the source",
            ),
        ),
    ],
    "spearheads": [
        translations(
            "name",
            "Kansalaislähtöinen sosiaalihuolto",
            "Medborgarorienterad socialvård",
            "Citizen-centred social services",
        ),
        translations("name", "Sähköinen asiointi", "Elektroniska tjänster", "E-services"),
    ],
    "partners": [
        (
            "uef",
            Partnership.Role.ADMINISTRATOR,
            translations(
                "socoba_role",
                "Vastaa hankkeen toteutuksesta ja sisällöstä.",
                "Ansvarar för projektets genomförande och innehåll.",
                "Responsible for the project's implementation and content.",
            ),
        ),
        ("uef-social-sciences", Partnership.Role.JOINT_PARTNER, translations("socoba_role", "")),
        ("kainuun-sote", Partnership.Role.JOINT_PARTNER, translations("socoba_role", "")),
        ("aikopa", Partnership.Role.JOINT_PARTNER, translations("socoba_role", "")),
    ],
    "contacts": [],
    "publications": [
        {
            "title": "Sosiaalisesti kestävä Kainuu",
            "slug": "sosiaalisesti-kestava-kainuu",
            "kind": Publication.Kind.FINAL_REPORT,
            "year": 2021,
            **translations(
                "abstract",
                "Kainuun sosiaalityön koulutus- ja kehittämishankkeen loppuraportti.",
                "Slutrapport för utbildnings- och utvecklingsprojektet för socialt arbete i Kajanaland.",
                "The final report of the Kainuu Social Work Education and Development Project.",
            ),
        },
        {
            "slug": "osallistuva-ja-vaikuttava-kansalainen",
            "title": "Osallistuva ja vaikuttava kansalainen – Kansalaislähtöisen sosiaalihuollon kehittäminen "
            "Kainuun maakunnassa",
            "kind": Publication.Kind.REPORT,
            "year": 2021,
            **translations(
                "abstract",
                "Kansalaislähtöisen sosiaalihuollon kehittäminen Kainuun maakunnassa.",
                "Utvecklingen av medborgarorienterad socialvård i landskapet Kajanaland.",
                "Developing citizen-centred social services in the region of Kainuu.",
            ),
        },
    ],
}

KYMENLAAKSO = {
    "slug": "kymenlaakso",
    "values": {
        **translations(
            "official_name",
            "Kymenlaakson sosiaalityön koulutus- ja kehittämishanke",
            "Utbildnings- och utvecklingsprojektet för socialt arbete i Kymmenedalen",
            "Kymenlaakso Social Work Education and Development Project",
        ),
        **translations(
            "name",
            "Kymenlaakson sosiaalityön koulutus- ja kehittämishanke",
            "Utbildnings- och utvecklingsprojektet för socialt arbete i Kymmenedalen",
            "Kymenlaakso Social Work Education and Development Project",
        ),
        "acronym": "",
        **translations("region", "Kymenlaakso", "Kymmenedalen", "Kymenlaakso"),
        "state": PublicationState.PUBLISHED,
        "status": Project.Status.ENDED,
        "planned_start": datetime.date(2018, 3, 1),
        "planned_end": datetime.date(2020, 12, 31),
        "total_budget": None,
        "fund": Project.Fund.ESF,
        "programme_period": Project.ProgrammePeriod.P2014_2020,
        "project_code": "S21218",
        "priority_axis": "4",
        "specific_objective": "9.2",
        **translations(
            "summary",
            "Hankkeen tavoitteena on vähentää alueen sosiaalityöntekijöiden vajetta kouluttamalla "
            "pätevyysvaatimukset täyttäviä sosiaalityön maistereita Kymenlaaksoon.",
            "Projektets mål är att minska bristen på socialarbetare i regionen genom att utbilda behöriga "
            "magistrar i socialt arbete till Kymmenedalen.",
            "The project aims to reduce the region's shortage of social workers by educating qualified "
            "masters of social work for Kymenlaakso.",
        ),
        **translations(
            "results",
            "Maisteriohjelmaan valittiin 25 opiskelijaa, joista 20 valmistui.",
            "Till magisterprogrammet antogs 25 studerande, av vilka 20 utexaminerades.",
            "25 students were admitted to the master's programme, and 20 of them graduated.",
        ),
        **translations(
            "description",
            "Kymenlaakson kesäyliopisto on osatoteuttajana ESR-rahoitteisessa Kymenlaakson sosiaalityön "
            "koulutus- ja kehittämishankkeessa. Päätoteuttajana ja hallinnoijana hankkeessa toimii "
            "Itä-Suomen yliopisto. Hämeen ELY-keskus on myöntänyt hankkeelle rahoituksen ajalle "
            "1.3.2018–31.12.2020.",
            "Kymmenedalens sommaruniversitet är delgenomförare i det ESF-finansierade projektet. Östra "
            "Finlands universitet är huvudgenomförare och administratör. NTM-centralen i Tavastland har "
            "beviljat projektet finansiering för tiden 1.3.2018–31.12.2020.",
            "Kymenlaakso Summer University is a co-implementer of the ESF-funded project. The University of "
            "Eastern Finland is the lead implementer and administrator. The ELY Centre for Häme granted the "
            "project funding for 1 March 2018 – 31 December 2020.",
        ),
        **translations(
            "vision",
            "Sosiaalisesti kestävä Kymenlaakso",
            "Socialt hållbart Kymmenedalen",
            "A socially sustainable Kymenlaakso",
        ),
        "intake_target": 25,
        **translations("programme_start_term", "syksy 2018", "hösten 2018", "autumn 2018"),
        **translations("teaching_location", "Kouvola", "Kouvola", "Kouvola"),
        **translations(
            "programme_description",
            "Syksyllä 2018 käynnistyvään maisteriohjelmaan otetaan 25 henkilöä. Itä-Suomen yliopisto vastaa "
            "maisterikoulutuksen opetuksesta. Koulutukseen liittyvä lähiopetus tapahtuu Kouvolassa. "
            "Maisterikoulutus ja samanaikaisesti tehtävä kehittämistyö kytkeytyvät hankkeessa toisiinsa. "
            "Opiskelijoiden harjoitustehtävien ja gradujen aiheet kerätään sosiaalityön asiantuntijoiden "
            "kokemuksista ja näkemyksistä ja ovat osa hankkeessa tehtävää sosiaalityön kehittämistä.",
            "Till magisterprogrammet som startar hösten 2018 antas 25 personer. Östra Finlands universitet "
            "ansvarar för undervisningen. Närundervisningen ges i Kouvola.",
            "The master's programme starting in autumn 2018 admits 25 people. The University of Eastern "
            "Finland is responsible for the teaching. Contact teaching takes place in Kouvola.",
        ),
        **translations(
            "ecosystem_description",
            "Kehittämistyön tavoitteena on tuottaa innovaatio- ja kehittämisalusta Kymenlaakson maakuntaan "
            "ja edistää kehittämisosaamista erityisesti sosiaalihuollon alalla osana alueen SOTE-rakenteiden "
            "uudistumista. Kymenlaakson sosiaalityötä kehitetään hankkeessa työelämälähtöisesti "
            "SOCOBA-ekosysteemin avulla. SOCOBA on korkeakoulujen (UEF ja Kymenlaakson kesäyliopisto) ja "
            "Kymenlaakson kuntien uusi yhteistyömalli (ekosysteemi), jossa yhteistyön osapuolilla on "
            "yhteisesti sovitut roolit ja tehtävät kehittämistyön eteenpäin viemisessä.\n\n"
            "Kymenlaakson kesäyliopisto vastaa hankkeessa tehtävän kehittämistyön koordinoinnista. Hanke "
            "kutsuu sosiaalityön asiantuntijoita eri puolilta Kymenlaaksoa mukaan yhteiseen kehittämistyöhön "
            "ja ekosysteemin luontiin mm. työpajojen, verkostotapaamisten ja seminaarien myötä.",
            "SOCOBA är en ny samarbetsmodell (ett ekosystem) mellan högskolorna (UEF och Kymmenedalens "
            "sommaruniversitet) och kommunerna i Kymmenedalen. Projektet bjuder in experter på socialt "
            "arbete till workshoppar, nätverksmöten och seminarier.",
            "SOCOBA is a new model of co-operation (an ecosystem) between the higher education institutions "
            "(UEF and Kymenlaakso Summer University) and the municipalities of Kymenlaakso. The project "
            "invites social work experts to workshops, network meetings and seminars.",
        ),
    },
    "funding": [],
    "spearheads": [],
    "partners": [
        ("uef", Partnership.Role.ADMINISTRATOR, translations("socoba_role", "")),
        (
            "uef",
            Partnership.Role.LEAD_IMPLEMENTER,
            translations(
                "socoba_role",
                "Vastaa maisterikoulutuksen opetuksesta.",
                "Ansvarar för undervisningen i magisterutbildningen.",
                "Responsible for the teaching of the master's programme.",
            ),
        ),
        (
            "kymenlaakson-kesayliopisto",
            Partnership.Role.CO_IMPLEMENTER,
            translations(
                "socoba_role",
                "Vastaa hankkeessa tehtävän kehittämistyön koordinoinnista.",
                "Ansvarar för koordineringen av utvecklingsarbetet i projektet.",
                "Coordinates the project's development work.",
            ),
        ),
        (
            "kymenlaakson-kunnat",
            Partnership.Role.COLLABORATOR,
            translations(
                "socoba_role",
                "Osapuolina SOCOBA-ekosysteemissä.",
                "Parter i SOCOBA-ekosystemet.",
                "Partners in the SOCOBA ecosystem.",
            ),
        ),
        ("hameen-ely", Partnership.Role.FUNDING_AUTHORITY, translations("socoba_role", "")),
    ],
    "contacts": [
        {
            "name": "Jaana Lauhkonen-Teräväinen",
            **translations("title", "koulutuskoordinaattori", "utbildningskoordinator", "training coordinator"),
            "organisation": "kymenlaakson-kesayliopisto",
            "email": "jaana.lauhkonen-teravainen@kymenlaakso.fi",
            "phone": "044 747 8518",
        }
    ],
    "publications": [
        {
            "title": "Sosiaalisesti kestävää Kymenlaaksoa tekemässä",
            "slug": "sosiaalisesti-kestavaa-kymenlaaksoa-tekemassa",
            "kind": Publication.Kind.REPORT,
            "year": 2020,
            **translations(
                "abstract",
                "Kymenlaakson sosiaalityön koulutus- ja kehittämishankkeen julkaisu.",
                "En publikation från utbildnings- och utvecklingsprojektet för socialt arbete i Kymmenedalen.",
                "A publication of the Kymenlaakso Social Work Education and Development Project.",
            ),
        }
    ],
}


def demo_project(today=None):
    """The fictional running project, its period around the day the demo is loaded."""
    year = (today or timezone.localdate()).year
    return {
        "slug": "esimerkkila-demo",
        "values": {
            **translations(
                "official_name",
                "Esimerkkilän sosiaalityön koulutus- ja kehittämishanke (demo)",
                "Utbildnings- och utvecklingsprojektet för socialt arbete i Exempelbygden (demo)",
                "Esimerkkilä Social Work Education and Development Project (demo)",
            ),
            **translations(
                "name",
                "Esimerkkilän sosiaalityön koulutus- ja kehittämishanke (demo)",
                "Utbildnings- och utvecklingsprojektet för socialt arbete i Exempelbygden (demo)",
                "Esimerkkilä Social Work Education and Development Project (demo)",
            ),
            "acronym": "",
            **translations(
                "region", "Esimerkkilä (kuvitteellinen)", "Exempelbygden (fiktiv)", "Esimerkkilä (fictional)"
            ),
            "state": PublicationState.PUBLISHED,
            "status": Project.Status.RUNNING,
            "is_demo": True,
            "planned_start": datetime.date(year - 1, 1, 1),
            "planned_end": datetime.date(year + 1, 12, 31),
            "total_budget": Decimal("400000.00"),
            "fund": Project.Fund.ESF_PLUS,
            "programme_period": Project.ProgrammePeriod.P2021_2027,
            **translations(
                "summary",
                "Kuvitteellinen esittelyhanke: näin käynnissä oleva hanke näkyy portaalissa. Hanke kouluttaa "
                "sosiaalityön maistereita ja kehittää alueen sosiaalipalveluja SOCOBA-ekosysteemissä.",
                "Ett fiktivt demoprojekt: så här visas ett pågående projekt i portalen. Projektet utbildar "
                "magistrar i socialt arbete och utvecklar regionens socialservice i SOCOBA-ekosystemet.",
                "A fictional demo project: this is how a running project shows in the portal. The project "
                "educates masters of social work and develops the region's social services in the SOCOBA "
                "ecosystem.",
            ),
            **translations(
                "vision",
                "Sosiaalisesti kestävä Esimerkkilä (demo)",
                "Socialt hållbara Exempelbygden (demo)",
                "A socially sustainable Esimerkkilä (demo)",
            ),
        },
        "funding": [
            (FundingShare.Source.ESF_PLUS, Decimal(60), translations("note", "")),
            (
                FundingShare.Source.STATE,
                Decimal(40),
                translations("note", "demoluku", "demosiffra", "a demo figure"),
            ),
        ],
        "spearheads": [],
        "partners": [
            ("uef", Partnership.Role.ADMINISTRATOR, translations("socoba_role", "")),
            (
                "uef",
                Partnership.Role.LEAD_IMPLEMENTER,
                translations(
                    "socoba_role",
                    "Vastaa opetuksesta (demo).",
                    "Ansvarar för undervisningen (demo).",
                    "Responsible for the teaching (demo).",
                ),
            ),
            (
                "esimerkkilan-kunnat",
                Partnership.Role.COLLABORATOR,
                translations(
                    "socoba_role",
                    "Osapuolina SOCOBA-ekosysteemissä (demo).",
                    "Parter i SOCOBA-ekosystemet (demo).",
                    "Partners in the SOCOBA ecosystem (demo).",
                ),
            ),
            ("esimerkkilan-ely", Partnership.Role.FUNDING_AUTHORITY, translations("socoba_role", "")),
        ],
        "contacts": [],
        "publications": [],
    }


def load(stdout, scale=0):
    """The seed projects and the fictional running one; with ``scale``, that many more
    fictional projects (``demo_scale``), which get no staff users."""
    organisations = _load_organisations()
    for seed in (KAINUU, KYMENLAAKSO, demo_project()):
        project = _load_project(seed, organisations)
        stdout.write(f"Project: {project}")
        _load_staff(project, stdout)
    if scale:
        demo_scale.load(stdout, scale)


def _load_staff(project, stdout):
    """One fictional staff user per role per project. A password is made up and
    printed only when the user is created; it is never stored anywhere else."""
    User = get_user_model()
    for role in Membership.Role:
        email = f"{project.slug}.{role.value.replace('_', '-')}@demo.invalid"
        user = User.objects.filter(email=email).first()
        if user is None:
            password = secrets.token_urlsafe(12)
            user = User.objects.create_user(
                email=email,
                password=password,
                first_name="Demo",
                last_name=f"{role.label} ({project.region})",
                is_staff=True,
            )
            stdout.write(f"  demo user {email}  password: {password}")
        Membership.objects.get_or_create(user=user, project=project, role=role)


def _load_organisations():
    organisations = {}
    for key, values in ORGANISATIONS.items():
        values = dict(values)
        if "parent" in values:
            values["parent"] = organisations[values["parent"]]
        organisations[key], _changed = upsert(Organisation, {"name_fi": values.pop("name_fi")}, values)
    return organisations


# Who signs the certificates of attendance: a fictional person, flagged as demo content.
CERTIFICATE_SIGNER = {
    "certificate_signer": "Hanna Esimerkki (demo)",
    **translations(
        "certificate_signer_title",
        "Projektipäällikkö, Itä-Suomen yliopisto",
        "Projektchef, Östra Finlands universitet",
        "Project manager, University of Eastern Finland",
    ),
}


def _load_project(seed, organisations):
    project, _changed = upsert(Project, {"slug": seed["slug"]}, {**CERTIFICATE_SIGNER, **seed["values"]})
    for source, percentage, note in seed["funding"]:
        upsert(FundingShare, {"project": project, "source": source}, {"percentage": percentage, **note})
    for order, names in enumerate(seed["spearheads"], start=1):
        upsert(Spearhead, {"project": project, "name_fi": names["name_fi"]}, {**names, "order": order})
    for order, (key, role, socoba_role) in enumerate(seed["partners"], start=1):
        upsert(
            Partnership,
            {"project": project, "organisation": organisations[key], "role": role},
            {**socoba_role, "order": order},
        )
    for order, contact in enumerate(seed["contacts"], start=1):
        values = {**contact, "organisation": organisations[contact["organisation"]], "order": order}
        upsert(Contact, {"project": project, "name": values.pop("name")}, values)
    for values in seed["publications"]:
        _load_publication(project, dict(values))
    return project


def _load_publication(project, values):
    title, slug = values.pop("title"), values.pop("slug")
    publication, _changed = upsert(
        Publication,
        {"slug": slug},
        {
            "project": project,
            "title": title,
            "state": PublicationState.PUBLISHED,
            "language": Publication.Language.FINNISH,
            "is_demo": True,
            "cover_alt": f"Kansikuva: {title} (demokansi)",
            **values,
        },
    )
    attach_file(publication, "file", f"{slug}.pdf", lambda: _demo_pdf(title, project.name))
    attach_file(publication, "cover", f"{slug}.png", lambda: _demo_cover(title))


@cache  # the same placeholder bytes serve every run in one process (the tests load the demo often)
def _demo_pdf(title, project_name):
    # WeasyPrint is imported here only: the web process never needs it for this.
    from weasyprint import HTML

    html = (
        f"<html lang='fi'><head><title>{title}</title></head><body>"
        f"<h1>{title}</h1><p>{project_name}</p>"
        "<p><strong>DEMO:</strong> tämä tiedosto on portaalin esittelyaineistoa, ei alkuperäinen julkaisu.</p>"
        "</body></html>"
    )
    return HTML(string=html).write_pdf()


@cache
def _demo_cover(title):
    image = Image.new("RGB", (480, 680), "#00436b")
    draw = ImageDraw.Draw(image)
    try:
        font = ImageFont.truetype("DejaVuSans-Bold.ttf", 30)
    except OSError:
        font = ImageFont.load_default()
    words, lines, line = title.split(), [], ""
    for word in words:
        candidate = f"{line} {word}".strip()
        if draw.textlength(candidate, font=font) > 400:
            lines.append(line)
            line = word
        else:
            line = candidate
    lines.append(line)
    for number, text in enumerate(lines):
        draw.text((40, 80 + number * 42), text, fill="white", font=font)
    draw.text((40, 620), "DEMO", fill="#ffcc00", font=font)
    buffer = BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()
