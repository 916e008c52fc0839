"""Project scoping for every admin page, written once (see ``projects.permissions``).

Mix ``ProjectScopedAdminMixin`` into a ``ModelAdmin`` or an inline of a model that
has ``project_lookup``: list querysets, change / delete / history views, actions,
autocomplete results and foreign-key choices then only reach the projects in
which the user holds the matching permission. Another project's object URL
answers like a missing object.

On a shared registry (``project_sharing_lookups``, e.g. ``Organisation``) the
same mixin asks the permission of each object, so that changing or deleting a
row needs the permission in every project using it (see ``projects.permissions``).
"""

from django.contrib.auth import get_permission_codename
from django.http import Http404
from django.utils.translation import gettext as _

from .permissions import project_lookup, scope_queryset


class ProjectScopedAdminMixin:
    def _perm(self, action, model=None):
        opts = (model or self.model)._meta
        return f"{opts.app_label}.{get_permission_codename(action, opts)}"

    def _user_may(self, request, action, obj=None):
        perm = self._perm(action)
        return request.user.has_perm(perm, obj) if obj is not None else request.user.has_perm(perm)

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

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        related = db_field.related_model
        if project_lookup(related) is not None and "queryset" not in kwargs:
            # Choices come only from projects where the user may change this model.
            kwargs["queryset"] = scope_queryset(
                related._default_manager.all(), request.user, self._perm("change")
            ).distinct()
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
