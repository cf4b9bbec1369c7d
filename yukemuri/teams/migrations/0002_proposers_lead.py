from django.db import migrations
from django.db.models import F


def proposers_lead(apps, schema_editor):
    Idea = apps.get_model("ideas", "Idea")
    TeamMember = apps.get_model("teams", "TeamMember")
    Idea.objects.update(stage_changed_at=F("created_at"))
    TeamMember.objects.bulk_create(
        [TeamMember(idea_id=pk, person_id=author, role="member", is_lead=True)
         for pk, author in Idea.objects.exclude(author=None).values_list("pk", "author_id")],
        ignore_conflicts=True,
    )


class Migration(migrations.Migration):
    dependencies = [("teams", "0001_initial"), ("ideas", "0005_stages_plan_history")]
    operations = [migrations.RunPython(proposers_lead, migrations.RunPython.noop)]
