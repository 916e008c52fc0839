"""Project scoping for every admin page, written once (see ``projects.permissions``).

Mix ``ProjectScopedAdminMixin`` into a ``ModelAdmin`` or an inline of a model that
has ``project_lookup``: list querysets, change / delete / history views, actions,
autocomplete results and foreign-key choices then only reach the projects in
which the user holds the matching permission. Another project's object URL
answers like a missing object. Its foreign-key list filters (project, event,
cohort…) offer only the objects of those projects (``ProjectScopedFieldListFilter``).

On a shared registry (``project_sharing_lookups``, e.g. ``Organisation``) the
same mixin asks the permission of each object, so that changing or deleting a
row needs the permission in every project using it (see ``projects.permissions``).
"""

from django.contrib import admin
from django.contrib.admin import helpers
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.utils import get_fields_from_path
from django.contrib.admin.widgets import AutocompleteSelect
from django.contrib.auth import get_permission_codename
from django.core.exceptions import EmptyResultSet, ValidationError
from django.http import Http404
from django.utils.translation import gettext as _

from .permissions import project_lookup, scope_queryset


class ProjectScopedFieldListFilter(admin.RelatedFieldListFilter):
    """A list filter on a foreign key to a project-scoped model that offers only the
    objects the admin's user may see: Django's own lists the whole related table, other
    projects' names and drafts included. ``ProjectScopedAdminMixin`` puts it on every
    such filter by itself; other admins may name it (``("project", ProjectScopedFieldListFilter)``)."""

    def field_choices(self, field, request, model_admin):
        related = scoped_related_queryset(request.user, field.related_model, model_admin.model)
        ordering = self.field_admin_ordering(field, request, model_admin) or related.model._meta.ordering
        return [(obj.pk, str(obj)) for obj in related.order_by(*ordering)]


def scoped_related_queryset(user, related_model, model):
    """The ``related_model`` rows of the projects where ``user`` may view or change ``model``."""
    opts = model._meta
    queryset = related_model._default_manager.all()
    view, change = (f"{opts.app_label}.{get_permission_codename(action, opts)}" for action in ("view", "change"))
    return (scope_queryset(queryset, user, view) | scope_queryset(queryset, user, change)).distinct()


class ForgivingAutocompleteSelect(AutocompleteSelect):
    """Django's autocomplete, which failed with an error page when a form came back with a
    value no id can be ("abc" typed into a forged POST); such a value is simply not shown."""

    def optgroups(self, name, value, attr=None):
        model = self.field.remote_field.model
        return super().optgroups(name, [item for item in value if _is_possible_pk(model, item)], attr)


def _is_possible_pk(model, value):
    """Whether ``value`` can be an id of ``model`` in every database (a 64-bit integer)."""
    try:
        pk = model._meta.pk.to_python(value)
    except ValidationError:
        return False
    return not isinstance(pk, int) or -(2**63) <= pk < 2**63


class ProjectScopedAdminMixin:
    def _perm(self, action, model=None):
        opts = (model or self.model)._meta
        return f"{opts.app_label}.{get_permission_codename(action, opts)}"

    def _user_may(self, request, action, obj=None):
        perm = self._perm(action)
        return request.user.has_perm(perm, obj) if obj is not None else request.user.has_perm(perm)

    def response_action(self, request, queryset, **kwargs):
        """A forged selection ("abc", a 23-digit id) is dropped like another project's ids,
        instead of failing the whole action with an error page."""
        selected = request.POST.getlist(helpers.ACTION_CHECKBOX_NAME)
        valid = [value for value in selected if _is_possible_pk(self.model, value)]
        if valid != selected:
            post = request.POST.copy()
            post.setlist(helpers.ACTION_CHECKBOX_NAME, valid)
            request.POST = post
        return super().response_action(request, queryset, **kwargs)

    def get_changelist_instance(self, request):
        """A filter value no date can hold (``?start__year=2147483648``, a year 10000) is a
        wrong lookup, answered as Django answers one (``?e=1``), never a 500. Compiling the
        query here finds it: the year bounds are computed only when SQL is made."""
        try:
            changelist = super().get_changelist_instance(request)
            changelist.queryset.query.sql_with_params()
        except EmptyResultSet:
            return changelist
        except (ValueError, OverflowError) as error:
            raise IncorrectLookupParameters(error) from error
        return changelist

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        view = scope_queryset(queryset, request.user, self._perm("view"))
        change = scope_queryset(queryset, request.user, self._perm("change"))
        return view | change

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        if obj is None:
            # Missing and out of scope look the same: never a hint of another project's data.
            raise Http404(_("No such object."))
        return obj

    def has_view_permission(self, request, obj=None):
        return self._user_may(request, "view", obj) or self._user_may(request, "change", obj)

    def has_change_permission(self, request, obj=None):
        return self._user_may(request, "change", obj)

    def has_delete_permission(self, request, obj=None):
        return self._user_may(request, "delete", obj)

    def has_add_permission(self, request, obj=None):
        # ``obj`` is the parent object for inlines, None for a model admin.
        return self._user_may(request, "add", obj)

    def get_list_filter(self, request):
        return [self._scoped_list_filter(item) for item in super().get_list_filter(request)]

    def _scoped_list_filter(self, item):
        """A filter named by a field path to a scoped model gets the scoped filter."""
        if not isinstance(item, str):
            return item
        field = get_fields_from_path(self.model, item)[-1]
        if field.is_relation and field.related_model and project_lookup(field.related_model) is not None:
            return (item, ProjectScopedFieldListFilter)
        return item

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        related = db_field.related_model
        if project_lookup(related) is not None and "queryset" not in kwargs:
            # Choices come only from projects where the user may change this model.
            kwargs["queryset"] = scope_queryset(
                related._default_manager.all(), request.user, self._perm("change")
            ).distinct()
        formfield = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if formfield is not None and type(formfield.widget) is AutocompleteSelect:
            formfield.widget.__class__ = ForgivingAutocompleteSelect
        return formfield
