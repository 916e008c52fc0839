"""Visitor-facing content in Finnish (required), Swedish and English, falling
back to Finnish (django-modeltranslation)."""

from modeltranslation.translator import TranslationOptions, register

from .models import Contact, FundingShare, Organisation, Partnership, Project, Publication, Spearhead


class FinnishRequired(TranslationOptions):
    required_languages = ("fi",)


@register(Organisation)
class OrganisationTranslation(FinnishRequired):
    fields = ("name",)


@register(Project)
class ProjectTranslation(FinnishRequired):
    fields = (
        "official_name",
        "name",
        "region",
        "summary",
        "results",
        "description",
        "vision",
        "programme_start_term",
        "teaching_location",
        "programme_description",
        "ecosystem_description",
        "certificate_signer_title",
    )


@register(Spearhead)
class SpearheadTranslation(FinnishRequired):
    fields = ("name", "description")


@register(FundingShare)
class FundingShareTranslation(TranslationOptions):
    fields = ("note",)


@register(Partnership)
class PartnershipTranslation(TranslationOptions):
    fields = ("socoba_role",)


@register(Contact)
class ContactTranslation(TranslationOptions):
    fields = ("title",)


@register(Publication)
class PublicationTranslation(TranslationOptions):
    fields = ("abstract",)
