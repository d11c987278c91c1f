from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "audit"
    verbose_name = _("Audit trail")

    def ready(self):
        from config.security import audit_recorded

        from .models import record_event

        # config.security.audit() writes the log line, then this keeps the event.
        audit_recorded.connect(record_event, dispatch_uid="audit_keep_in_database")
