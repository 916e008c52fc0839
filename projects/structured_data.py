"""schema.org JSON-LD for the project and publication pages (search engines,
research information systems)."""

from django.utils import translation

SCHEMA = "https://schema.org"
ARTICLE_KINDS = {"article", "thesis"}


def _organisation(organisation):
    data = {"@type": "Organization", "name": organisation.name}
    if organisation.website:
        data["url"] = organisation.website
    if organisation.business_id:
        data["identifier"] = {
            "@type": "PropertyValue",
            "propertyID": "Y-tunnus",
            "value": organisation.business_id,
        }
    return data


def project_data(project, request):
    data = {
        "@context": SCHEMA,
        "@type": "Project",
        "name": project.name,
        "description": project.summary,
        "url": request.build_absolute_uri(project.get_absolute_url()),
        "inLanguage": translation.get_language(),
        "areaServed": project.region,
        "foundingDate": project.start.isoformat(),
        "dissolutionDate": project.end.isoformat(),
        "member": [_organisation(partner.organisation) for partner in project.partners if partner.is_member],
        "funder": [_organisation(p.organisation) for p in project.funding_authorities],
    }
    if project.acronym:
        data["alternateName"] = project.acronym
    if project.is_eu_funded:
        data["funder"].insert(0, {"@type": "Organization", "name": str(project.get_fund_display())})
    if project.total_budget is not None:
        data["funding"] = {
            "@type": "MonetaryGrant",
            "amount": {"@type": "MonetaryAmount", "value": float(project.total_budget), "currency": "EUR"},
        }
    return data


def publication_data(publication, request):
    data = {
        "@context": SCHEMA,
        "@type": "ScholarlyArticle" if publication.kind in ARTICLE_KINDS else "Report",
        "name": publication.title,
        "headline": publication.title[:110],
        "url": request.build_absolute_uri(publication.get_absolute_url()),
        "inLanguage": publication.language,
        "datePublished": str(publication.year),
        "isPartOf": {
            "@type": "Project",
            "name": publication.project.name,
            "url": request.build_absolute_uri(publication.project.get_absolute_url()),
        },
    }
    if publication.abstract:
        data["abstract"] = publication.abstract
    if publication.authors:
        data["author"] = [{"@type": "Person", "name": name.strip()} for name in publication.authors.split(";")]
    if publication.editors:
        data["editor"] = [{"@type": "Person", "name": name.strip()} for name in publication.editors.split(";")]
    if publication.isbn:
        data["isbn"] = publication.isbn
    if publication.licence:
        data["license"] = publication.licence
    if publication.file:
        data["encoding"] = {
            "@type": "MediaObject",
            "contentUrl": request.build_absolute_uri(publication.file.url),
            "encodingFormat": "application/pdf",
        }
    if publication.thumbnail:
        data["image"] = request.build_absolute_uri(publication.thumbnail.url)
    return data
