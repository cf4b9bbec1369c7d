from django.urls import path

from yukemuri.events import views as event_views

from . import views

urlpatterns = [
    path("", views.series_index, name="series_list"),
    path("new/", views.series_new, name="series_new"),
    path("<int:pk>/", views.series_show, name="series_detail"),
    path("<int:pk>/calendar.ics", event_views.series_ics, name="series_ics"),
    path("sessions/<int:event_pk>/diagrams/new/", views.diagram_new, name="diagram_new"),
    path("sessions/<int:event_pk>/ideas/new/", views.capture_idea, name="capture_idea"),
    path("diagrams/<int:pk>/", views.diagram_show, name="diagram_detail"),
    path("diagrams/<int:pk>/nodes/", views.node_new, name="node_new"),
    path("diagrams/<int:pk>/edges/", views.edge_new, name="edge_new"),
    path("diagrams/<int:pk>.json", views.diagram_json, name="diagram_json"),
    path("diagrams/<int:pk>.graphml", views.diagram_graphml, name="diagram_graphml"),
    path("nodes/<int:pk>/delete/", views.node_delete, name="node_delete"),
    path("nodes/<int:pk>/promote/", views.node_promote, name="node_promote"),
    path("edges/<int:pk>/delete/", views.edge_delete, name="edge_delete"),
]
