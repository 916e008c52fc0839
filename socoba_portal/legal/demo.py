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
    # The supervisor's site in each language: Finnish, Swedish and English domains.
    **translations(
        "authority_website",
        "https://www.saavutettavuusvaatimukset.fi/",
        "https://www.tillganglighetskrav.fi/",
        "https://www.accessibilityrequirements.fi/",
    ),
}

PRIVACY = {
    **translations("title", "Tietosuojaseloste", "Dataskyddsbeskrivning", "Privacy notice"),
    **translations(
        "body",
        "Tässä selosteessa kerrotaan, mitä henkilötietoja SOCOBA-portaali käsittelee, miksi ja kuinka kauan, "
        "kenelle tietoja luovutetaan ja mitä oikeuksia sinulla on (EU:n yleinen tietosuoja-asetus, "
        "artiklat 13 ja 14). Julkisilla sivuilla näytetään vain yhteenvetoja: alle viiden hengen ryhmiä ei "
        "näytetä.",
        "Den här beskrivningen berättar vilka personuppgifter SOCOBA-portalen behandlar, varför och hur länge, "
        "till vem uppgifterna lämnas ut och vilka rättigheter du har (EU:s allmänna dataskyddsförordning, "
        "artiklarna 13 och 14). De offentliga sidorna visar endast sammanställningar: grupper med färre än "
        "fem personer visas inte.",
        "This notice tells you which personal data the SOCOBA portal processes, why and for how long, to whom "
        "it is disclosed and what your rights are (the EU General Data Protection Regulation, articles 13 and "
        "14). The public pages show only aggregates: groups of fewer than five people are not shown.",
    ),
    **translations(
        "controller",
        "Rekisterinpitäjä: Itä-Suomen yliopisto. Yhteydenotot: tietosuoja@socoba.invalid (demo-osoite).",
        "Personuppgiftsansvarig: Östra Finlands universitet. Kontakt: tietosuoja@socoba.invalid (demoadress).",
        "Controller: the University of Eastern Finland. Contact: tietosuoja@socoba.invalid (a demo address).",
    ),
    **translations(
        "data_protection_officer",
        "Itä-Suomen yliopiston tietosuojavastaava: tietosuojavastaava@socoba.invalid (demo-osoite).",
        "Östra Finlands universitets dataskyddsombud: tietosuojavastaava@socoba.invalid (demoadress).",
        "The University of Eastern Finland's data protection officer: tietosuojavastaava@socoba.invalid "
        "(a demo address).",
    ),
    "reviewed_on": REVIEWED_ON,
}


def load(stdout, scale=0):
    """The statement and the notice, once (the same at any ``scale``)."""
    if not AccessibilityStatement.objects.exists():
        AccessibilityStatement.objects.create(**STATEMENT)
        stdout.write("Accessibility statement created.")
    if not PrivacyNotice.objects.exists():
        PrivacyNotice.objects.create(**PRIVACY)
        stdout.write("Privacy notice created.")
