"""The interactions' people get a model of their own with the interaction's date beside each
link (contacts.InteractionContact). The table stays the one Django made for the
many-to-many field: the state takes it over as it is, then the date is added, filled from
the interactions in one statement and made required, and indexed with the person first."""

import django.db.models.deletion
from django.db import migrations, models

FILL = (
    "UPDATE contacts_interaction_contacts SET date = ("
    "SELECT date FROM contacts_interaction "
    "WHERE contacts_interaction.id = contacts_interaction_contacts.interaction_id)"
)


def fill_dates(apps, schema_editor):
    schema_editor.execute(FILL)


class Migration(migrations.Migration):
    dependencies = [("contacts", "0021_search_word_suffix_index")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="InteractionContact",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "interaction",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="+",
                                to="contacts.interaction",
                                verbose_name="interaction",
                            ),
                        ),
                        (
                            "contact",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="+",
                                to="contacts.contact",
                                verbose_name="contact",
                            ),
                        ),
                    ],
                    options={
                        "db_table": "contacts_interaction_contacts",
                        "unique_together": {("interaction", "contact")},
                        "verbose_name": "person of an interaction",
                        "verbose_name_plural": "people of interactions",
                    },
                ),
                migrations.AlterField(
                    model_name="interaction",
                    name="contacts",
                    field=models.ManyToManyField(
                        related_name="interactions",
                        through="contacts.InteractionContact",
                        to="contacts.contact",
                        verbose_name="people",
                    ),
                ),
            ],
        ),
        migrations.AddField(
            model_name="interactioncontact",
            name="date",
            field=models.DateField(null=True, verbose_name="date"),
        ),
        migrations.RunPython(fill_dates, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="interactioncontact",
            name="date",
            field=models.DateField(verbose_name="date"),
        ),
        migrations.AddIndex(
            model_name="interactioncontact",
            index=models.Index(
                fields=["contact", "date", "interaction"], name="interaction_link_date"
            ),
        ),
    ]
