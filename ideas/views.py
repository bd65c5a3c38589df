from django.http import HttpResponse


def campaign_detail(request, *, campaign):
    return HttpResponse("todo")


def idea_submit(request, *, campaign):
    return HttpResponse("todo")


def idea_detail(request, *, campaign, idea_id):
    return HttpResponse("todo")
