"""Roles scoped to projects, written once and reused by the admin, staff views,
reports and management commands.

A ``Membership`` gives a user a role in one project. Each app says in its
AppConfig (``project_role_permissions``) which of its model permissions each
role grants, so this module needs to know no other app. The authentication
backend below then answers Django's own ``user.has_perm(perm, obj)``: without an
object, for any project the user has a role in; with an object, only for the
object's own project.

A scoped model names the ORM path to its project in ``project_lookup``
(``"project"``, ``"event__project"``, …); ``Project`` itself uses ``"pk"``.

A shared registry (``Organisation``: several projects pick the same rows) names
the paths to the projects that use a row in ``project_sharing_lookups``. Whoever
may view the registry may view every row, but changing or deleting a row needs
the permission in EVERY project that uses it: a coordinator of one project
cannot rename another project's partner. A row no project uses yet (one just
added) is anyone's with the permission.
"""

from django.contrib.auth.backends import BaseBackend

from .models import Project
from .roles import role_permissions


def project_lookup(model):
    """The ORM path from a model to its project, or None for unscoped models."""
    if model is Project:
        return "pk"
    return getattr(model, "project_lookup", None)


def project_id_of(obj):
    """The primary key of the project an object belongs to (None: unscoped)."""
    lookup = project_lookup(type(obj))
    if lookup is None:
        return None
    if lookup == "pk":
        return obj.pk
    *path, last = lookup.split("__")
    for attribute in path:
        obj = getattr(obj, attribute, None)
        if obj is None:
            return None
    return getattr(obj, f"{last}_id", None)


def is_shared_registry(model):
    return bool(getattr(model, "project_sharing_lookups", ()))


def sharing_project_ids(obj):
    """The primary keys of the projects that use a shared registry object."""
    model = type(obj)
    if obj.pk is None:
        return set()
    rows = model._default_manager.filter(pk=obj.pk)
    return {
        project_id
        for lookup in model.project_sharing_lookups
        for project_id in rows.values_list(lookup, flat=True)
        if project_id is not None
    }


def _is_view_permission(perm):
    return perm.partition(".")[2].startswith("view_")


def scope_queryset(queryset, user, perm):
    """Only the rows of the projects where ``user`` holds ``perm``."""
    if user.is_active and user.is_superuser:
        return queryset
    lookup = project_lookup(queryset.model)
    if lookup is None:
        return queryset if user.has_perm(perm) else queryset.none()
    return queryset.filter(**{f"{lookup}__in": Project.objects.visible_to(user, perm).values("pk")})


class ProjectRoleBackend(BaseBackend):
    """Permissions from project memberships, per project (object permissions)."""

    def _memberships(self, user):
        if not hasattr(user, "_project_roles_cache"):
            user._project_roles_cache = list(user.memberships.values_list("project_id", "role"))
        return user._project_roles_cache

    def _granted(self, roles):
        granted = role_permissions()
        return set().union(*(granted.get(role, set()) for role in roles))

    def _shared_object_permissions(self, user_obj, obj):
        """Viewing as anywhere; anything else only as granted in every project using ``obj``."""
        memberships = self._memberships(user_obj)
        anywhere = self._granted({role for _pid, role in memberships})
        everywhere = anywhere
        for project_id in sharing_project_ids(obj):
            everywhere = everywhere & self._granted({role for pid, role in memberships if pid == project_id})
        return everywhere | {perm for perm in anywhere if _is_view_permission(perm)}

    def get_all_permissions(self, user_obj, obj=None):
        if not user_obj.is_active or user_obj.is_anonymous:
            return set()
        if obj is not None and is_shared_registry(type(obj)):
            return self._shared_object_permissions(user_obj, obj)
        memberships = self._memberships(user_obj)
        project_id = project_id_of(obj) if obj is not None else None
        if obj is not None and project_id is None and project_lookup(type(obj)) is not None:
            return set()  # a scoped object not yet tied to a project
        return self._granted({role for pid, role in memberships if project_id is None or pid == project_id})

    def has_perm(self, user_obj, perm, obj=None):
        return perm in self.get_all_permissions(user_obj, obj)

    def has_module_perms(self, user_obj, app_label):
        return any(perm.startswith(f"{app_label}.") for perm in self.get_all_permissions(user_obj))
