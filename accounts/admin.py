from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from config.security import audit

from .models import Invitation, Membership, User

# The fields whose change gives or takes away an IGF role (audit trail).
STAFF_ROLE_FIELDS = ("is_analyst", "is_superuser", "is_staff", "is_active")


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

    def save_model(self, request, obj, form, change):
        changed = [name for name in STAFF_ROLE_FIELDS if name in form.changed_data]
        super().save_model(request, obj, form, change)
        if changed:
            audit("staff_role_changed", request, member=obj.get_username(),
                  **{name: getattr(obj, name) for name in changed})  # fmt: skip

    def save_formset(self, request, form, formset, change):
        """Memberships changed here are team changes too (audit trail, country by country)."""
        before = {m.pk: m.role for m in formset.queryset} if formset.model is Membership else {}
        super().save_formset(request, form, formset, change)
        if formset.model is not Membership:
            return
        for membership in formset.new_objects + [obj for obj, _f in formset.changed_objects]:
            audit("role_changed", request, country_id=membership.country_id,
                  member=membership.user.get_username(), from_role=before.get(membership.pk),
                  to_role=membership.role)  # fmt: skip
        for membership in formset.deleted_objects:
            audit("member_removed", request, country_id=membership.country_id,
                  member=membership.user.get_username(), role=membership.role)  # fmt: skip


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
