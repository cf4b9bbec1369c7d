from django.db import migrations

from yukemuri.core.migration_ops import trigram_search_indexes


class Migration(migrations.Migration):
    dependencies = [("ideas", "0002_initial")]
    operations = [trigram_search_indexes("ideas_idea")]
