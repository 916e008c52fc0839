"""What each project role may do: every app's ``project_role_permissions`` (in its
AppConfig), collected once. Kept apart from ``projects.permissions`` so that the models
can ask which roles grant a permission without importing the permission backend."""

from functools import cache

from django.apps import apps


@cache
def role_permissions():
    """``{role: {"app_label.codename", …}}`` collected from every app's config."""
    granted = {}
    for app_config in apps.get_app_configs():
        for role, permissions in getattr(app_config, "project_role_permissions", {}).items():
            granted.setdefault(str(role), set()).update(permissions)
    return granted


def roles_granting(perm):
    return [role for role, permissions in role_permissions().items() if perm in permissions]
