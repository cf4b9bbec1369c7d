from django.urls import path

from . import views

urlpatterns = [
    path("entities", views.entities, name="ngsild_entities"),
    path("entities/<path:entity_id>", views.entity, name="ngsild_entity"),
    path("types", views.types, name="ngsild_types"),
    path("types/<path:name>", views.type_detail, name="ngsild_type"),
    path("attributes", views.attributes, name="ngsild_attributes"),
    path("attributes/<path:name>", views.attribute_detail, name="ngsild_attribute"),
    path("jsonldContexts/<str:name>", views.context, name="ngsild_context"),
    path("", views.not_found),
    path("<path:rest>", views.not_found),
]
