from django.urls import path

from . import views

urlpatterns = [
    path("", views.community_list, name="community_list"),
    path("new/", views.community_new, name="community_new"),
    path("<int:pk>/", views.community_detail, name="community_detail"),
    path("<int:pk>/edit/", views.community_edit, name="community_edit"),
    path("<int:pk>/join/", views.community_join, name="community_join"),
    path("<int:pk>/leave/", views.community_leave, name="community_leave"),
    path("<int:pk>/listing/", views.community_listing, name="community_listing"),
    path("<int:pk>/thread/", views.community_thread, name="community_thread"),
    path("<int:pk>/manage/", views.community_manage, name="community_manage"),
    path("<int:pk>/requests/<int:request_pk>/", views.request_decide, name="community_request_decide"),
    path("<int:pk>/members/<int:member_pk>/role/", views.member_role, name="community_member_role"),
    path("<int:pk>/hand-over/", views.hand_over, name="community_hand_over"),
    path("<int:pk>/links/", views.link_add, name="community_link_add"),
    path("<int:pk>/links/<int:link_pk>/remove/", views.link_remove, name="community_link_remove"),
    path("<int:pk>/announce/", views.announce, name="community_announce"),
]
