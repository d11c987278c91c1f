from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import Invitation, Membership, User


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["country"]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    fieldsets = BaseUserAdmin.fieldsets + (
        (_("IGF"), {"fields": ("is_analyst", "preferred_language")}),
    )
    list_display = ("username", "email", "first_name", "last_name", "is_analyst", "is_staff")
    list_filter = BaseUserAdmin.list_filter + ("is_analyst",)
    inlines = [MembershipInline]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    """Read-only: invitations are sent from the team page, which e-mails the link (the raw
    token exists only in that e-mail)."""

    list_display = ("email", "country", "role", "invited_by", "created_at", "expires_at", "status")
    list_filter = ("role", "country")
    search_fields = ("email", "country__iso3")
    list_select_related = ("country", "invited_by")
    readonly_fields = [field.name for field in Invitation._meta.fields]

    @admin.display(description=_("status"))
    def status(self, invitation):
        return invitation.status.label

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
