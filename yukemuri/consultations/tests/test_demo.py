"""The demo's consultations: two coordinators of NETSUGEN with seed 001's qualifications, slots, one booking;
loading again adds nothing and records nothing of consultations."""

from yukemuri.actions.models import Action
from yukemuri.consultations.models import Consultation, CoordinatorProfile, Slot
from yukemuri.demo.loader import load_demo


def test_demo_consultations(db, client):
    load_demo()
    profiles = CoordinatorProfile.objects.filter(space__slug="netsugen")
    qualifications = {q.name for p in profiles for q in p.qualifications.all()}
    assert profiles.count() == 2 and {"公認会計士", "中小企業診断士"} <= qualifications
    assert Slot.objects.count() == 5 and Consultation.objects.filter(status="booked").count() == 1
    page = client.get("/space/consultations/").content.decode()
    assert page.count("/book/") == 4
    ours = Action.objects.filter(verb__startswith="consultation.")
    recorded = ours.count()
    load_demo()
    assert (Slot.objects.count(), Consultation.objects.count(), ours.count()) == (5, 1, recorded)
