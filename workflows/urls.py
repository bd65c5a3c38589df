from django.urls import path

from workflows import views

app_name = "workflows"

urlpatterns = [
    path("", views.flow_detail, name="flow-detail"),
    path("processes/<int:pk>/", views.process_detail, name="process-detail"),
    path("processes/<int:pk>/chart.svg", views.process_chart, name="process-chart"),
]
