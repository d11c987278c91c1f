"""Saved country groups move to the scores app: their tables are renamed to the scores app's
names here, and the model is recreated in scores (state only) by scores.0001, so that no
saved group is lost."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0002_reportfile"),
    ]

    operations = [
        # Renames the group table and its countries (many-to-many) table.
        migrations.AlterModelTable(name="countrygroup", table="scores_countrygroup"),
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="CountryGroup")],
            database_operations=[],
        ),
    ]
