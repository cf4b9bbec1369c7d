from django.db import migrations

from yukemuri.core.migration_ops import trigram_search_indexes


class Migration(migrations.Migration):
    dependencies = [("issues", "0002_initial")]
    operations = [trigram_search_indexes("issues_issue")]
