"""Form fields shared by the apps."""

import re

from django import forms
from django.core.exceptions import ValidationError

# A key the database can hold: SQLite raises OverflowError (a server error) on a bigger one.
DATABASE_KEY = re.compile(r"[0-9]{1,18}")


class KeysModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """A ModelMultipleChoiceField of objects chosen by their numeric key that refuses any
    value that is not such a key before it reaches the database."""

    def _check_values(self, value):
        for key in value:
            if not DATABASE_KEY.fullmatch(str(key)):
                raise ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": key},
                )
        return super()._check_values(value)
