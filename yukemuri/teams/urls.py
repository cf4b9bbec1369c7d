from django.urls import path

from . import views

urlpatterns = [
    path("<int:pk>/team/", views.team, name="team"),
    path("<int:pk>/team/roles/", views.role_new, name="role_new"),
    path("<int:pk>/team/invite/", views.invite, name="team_invite"),
    path("roles/<int:pk>/apply/", views.role_apply, name="role_apply"),
    path("roles/<int:pk>/invite/<int:person>/", views.invite_person, name="role_invite_person"),
    path("roles/<int:pk>/close/", views.role_close, name="role_close"),
    path("applications/<int:pk>/answer/", views.answer, name="application_answer"),
    path("applications/<int:pk>/withdraw/", views.withdraw, name="application_withdraw"),
    path("members/<int:pk>/remove/", views.member_remove, name="member_remove"),
    path("members/<int:pk>/lead/", views.member_lead, name="member_lead"),
]
