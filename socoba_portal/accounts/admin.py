from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from .invitations import send_invitation
from .models import User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ["email"]
    list_display = ["email", "first_name", "last_name", "is_staff", "is_active", "last_login"]
    search_fields = ["email", "first_name", "last_name"]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Personal info"), {"fields": ("first_name", "last_name")}),
        (
            _("Permissions"),
            {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")},
        ),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    )
    actions = ["invite"]
    add_fieldsets = (
        (None, {"classes": ("wide",), "fields": ("email", "usable_password", "password1", "password2")}),
    )

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if not change and not obj.has_usable_password():
            # A user added without a password is invited to set one.
            send_invitation(request, obj)
            self.message_user(request, _("An invitation was sent to %(email)s.") % {"email": obj.email})

    @admin.action(description=_("Send an invitation email (to set a password)"), permissions=["change"])
    def invite(self, request, queryset):
        for user in queryset:
            send_invitation(request, user)
        self.message_user(
            request,
            _("Invitations sent to %(count)d users.") % {"count": len(queryset)},
            messages.SUCCESS,
        )
