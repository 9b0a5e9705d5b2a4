"""Remove the metadata from profile photos stored before uploads lost it (issue 17)."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand
from wagtail.images import get_image_model

from profiles import photos
from profiles.actions.photo_metadata import strip_photo_metadata


class Command(BaseCommand):
    help = (
        "Tar bort EXIF (med GPS-position och tillverkarens anteckningar), XMP och IPTC ur "
        "profilfoton som laddades upp innan det gjordes vid uppladdningen, och gör om deras "
        "storlekar. Alla foton i samlingen Profilfoton gås igenom, även tidigare foton. Kan "
        "köras flera gånger: foton utan metadata lämnas orörda."
    )

    def handle(self, *args, **options):
        images = get_image_model().objects.filter(
            collection__name=photos.PHOTO_COLLECTION).order_by("pk")
        cleaned = unchanged = 0
        for image in images.iterator():
            try:
                if strip_photo_metadata(actor=None, image=image):
                    cleaned += 1
                else:
                    unchanged += 1
            except (OSError, ValidationError) as error:
                message = "; ".join(getattr(error, "messages", [str(error)]))
                self.stderr.write(f"Bild {image.pk} ({image.file.name}): {message}")
        self.stdout.write(f"{cleaned} foton rensade, {unchanged} var redan utan metadata.")
