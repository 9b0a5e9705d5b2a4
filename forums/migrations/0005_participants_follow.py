from django.db import migrations


def follow_own_discussions(apps, schema_editor):
    """Until follows existed, everyone who had posted in a discussion was told of new posts in
    it. Keep that: each participant follows the discussions they posted in."""
    Post = apps.get_model("forums", "Post")
    Follow = apps.get_model("forums", "Follow")
    pairs = Post.objects.values_list("author_id", "discussion_id").distinct()
    Follow.objects.bulk_create(
        [Follow(user_id=user_id, discussion_id=discussion_id) for user_id, discussion_id in pairs],
        batch_size=1000, ignore_conflicts=True,
    )


class Migration(migrations.Migration):
    dependencies = [("forums", "0004_follow_read_state_decommission")]

    operations = [migrations.RunPython(follow_own_discussions, migrations.RunPython.noop)]
