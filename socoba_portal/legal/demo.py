"""The accessibility statement and privacy notice the portal ships with.

``load_demo`` creates them when none exists; administrators edit them in the
admin afterwards. ``REVIEWED_ON`` is when this text was last reviewed: a test
fails when it is over a year old, as the statement must be reviewed yearly.
"""

import datetime

from socoba_portal.demodata import translations

from .models import AccessibilityStatement, PrivacyNotice

REVIEWED_ON = datetime.date(2026, 11, 23)


STATEMENT = {
    **translations("service_name", "SOCOBA-portaali", "SOCOBA-portalen", "The SOCOBA portal"),
    "compliance": AccessibilityStatement.Compliance.PARTIAL,
    **translations(
        "known_gaps",
        "Julkaisujen PDF-tiedostot ovat julkaisijoiden tuottamia, eivätkä kaikki niistä ole saavutettavia. "
        "Pyydä julkaisu saavutettavassa muodossa palautelomakkeella.\n\n"
        "Ylläpidon (Django admin) kaikkia osia ei ole vielä arvioitu ruudunlukijalla.",
        "Publikationernas PDF-filer har tagits fram av utgivarna och alla är inte tillgängliga. "
        "Be om en publikation i tillgängligt format med responsformuläret.\n\n"
        "Alla delar av administrationen (Django admin) har ännu inte bedömts med skärmläsare.",
        "The publications' PDF files are produced by their publishers, and not all of them are accessible. "
        "Ask for a publication in an accessible format with the feedback form.\n\n"
        "Not every part of the administration (Django admin) has been assessed with a screen reader yet.",
    ),
    "assessed_on": REVIEWED_ON,
    **translations(
        "assessment_method",
        "Itsearviointi: automaattiset axe-core-tarkistukset (WCAG 2.1 A ja AA) ja Nu Html Checker "
        "jokaiselle julkiselle sivutyypille kolmella kielellä, näppäimistötesti sekä tarkistus "
        "320 px:n leveydellä.",
        "Självutvärdering: automatiska axe-core-kontroller (WCAG 2.1 A och AA) och Nu Html Checker för "
        "varje typ av offentlig sida på tre språk, ett tangentbordstest och en kontroll vid 320 px bredd.",
        "Self-assessment: automated axe-core checks (WCAG 2.1 A and AA) and the Nu Html Checker on every "
        "public page type in three languages, a keyboard-only test and a check at 320 px width.",
    ),
    "prepared_on": REVIEWED_ON,
    "reviewed_on": REVIEWED_ON,
    "feedback_email": "saavutettavuus@socoba.invalid",
    **translations(
        "authority_name",
        "Lupa- ja valvontavirasto",
        "Tillstånds- och tillsynsverket",
        "Lupa- ja valvontavirasto (the Finnish Licensing and Supervisory Agency)",
    ),
    **translations(
        "authority_unit", "Saavutettavuuden valvonta", "Tillsynen över tillgänglighet", "Accessibility supervision"
    ),
    "authority_website": "https://www.saavutettavuusvaatimukset.fi/",
}

PRIVACY = {
    **translations("title", "Tietosuojaseloste", "Dataskyddsbeskrivning", "Privacy notice"),
    **translations(
        "body",
        "Käsittelemme kahdenlaisia henkilötietoja: seminaareihin ilmoittautuneiden tietoja (nimi, "
        "sähköposti, organisaatio, tehtävänimike, saavutettavuus- ja ruokavaliotarpeet) tapahtuman "
        "järjestämiseksi, sekä maisteriohjelman opiskelijoiden opintotietoja koulutuksen järjestämiseksi ja "
        "ESR-hankkeen raportoimiseksi.\n\n"
        "Ilmoittautumisten käsittely perustuu suostumukseesi ja tapahtuman järjestämiseen; tiedot "
        "anonymisoidaan säilytysajan jälkeen. Opiskelijatietojen käsittely perustuu yliopiston "
        "lakisääteiseen julkiseen tehtävään, joten tietoja ei poisteta automaattisesti.\n\n"
        "Tietoja näkevät vain tehtävään tarvitsevat henkilöt, ja jokainen opiskelijatietojen katselu, "
        "vienti ja muutos kirjataan lokiin. Julkisilla sivuilla näytetään vain yhteenvetoja.\n\n"
        "Sinulla on oikeus saada pääsy tietoihisi, oikaista ne ja tehdä valitus tietosuojavaltuutetulle.",
        "Vi behandlar två slags personuppgifter: uppgifter om personer som anmält sig till seminarier "
        "(namn, e-post, organisation, titel, behov gällande tillgänglighet och kost) för att ordna "
        "evenemanget, och studieuppgifter om magisterprogrammets studerande för att ordna utbildningen och "
        "rapportera ESF-projektet.\n\n"
        "Behandlingen av anmälningar grundar sig på ditt samtycke; uppgifterna anonymiseras efter "
        "lagringstiden. Behandlingen av studerandes uppgifter grundar sig på universitetets lagstadgade "
        "offentliga uppgift, så uppgifterna raderas inte automatiskt.\n\n"
        "Du har rätt att få tillgång till dina uppgifter, få dem rättade och lämna klagomål till "
        "dataombudsmannen.",
        "We process two kinds of personal data: the data of people who register for seminars (name, email, "
        "organisation, title, accessibility and dietary needs) to run the event, and the study records of "
        "the master's programme's students to run the programme and report the ESF project.\n\n"
        "Registrations are processed on the basis of your consent and are anonymised after the retention "
        "period. Student data is processed on the basis of the university's statutory public task, so it is "
        "not erased automatically.\n\n"
        "You have the right to access your data, to have it rectified and to lodge a complaint with the "
        "Data Protection Ombudsman.",
    ),
    **translations(
        "controller",
        "Rekisterinpitäjä: Itä-Suomen yliopisto. Yhteydenotot: tietosuoja@socoba.invalid (demo-osoite).",
        "Personuppgiftsansvarig: Östra Finlands universitet. Kontakt: tietosuoja@socoba.invalid (demoadress).",
        "Controller: the University of Eastern Finland. Contact: tietosuoja@socoba.invalid (a demo address).",
    ),
    "reviewed_on": REVIEWED_ON,
}


def load(stdout):
    if not AccessibilityStatement.objects.exists():
        AccessibilityStatement.objects.create(**STATEMENT)
        stdout.write("Accessibility statement created.")
    if not PrivacyNotice.objects.exists():
        PrivacyNotice.objects.create(**PRIVACY)
        stdout.write("Privacy notice created.")
