"""The saved country groups, formerly of the reports app: reports.0003 renamed their tables
to these names; here the model takes them over without touching the database."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def move_content_type(apps, schema_editor):
    """Permissions granted on country groups follow them to their new app."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    if ContentType.objects.filter(app_label="scores", model="countrygroup").exists():
        return
    ContentType.objects.filter(app_label="reports", model="countrygroup").update(
        app_label="scores"
    )


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("countries", "0001_initial"),
        ("reports", "0003_move_countrygroup_to_scores"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="CountryGroup",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("name", models.CharField(max_length=100, verbose_name="name")),
                        ("created_at", models.DateTimeField(auto_now_add=True)),
                        (
                            "countries",
                            models.ManyToManyField(
                                related_name="country_groups",
                                to="countries.country",
                                verbose_name="countries",
                            ),
                        ),
                        (
                            "owner",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="country_groups",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="owner",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "country group",
                        "verbose_name_plural": "country groups",
                        "ordering": ["name", "pk"],
                        "constraints": [
                            models.UniqueConstraint(
                                fields=("owner", "name"), name="unique_group_name_per_owner"
                            )
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(move_content_type, migrations.RunPython.noop),
    ]
