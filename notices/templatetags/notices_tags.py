from django import template

from notices.services import unread_count

register = template.Library()


@register.simple_tag(takes_context=True)
def notices_unread_count(context) -> int:
    """The signed-in user's unread count, computed once per request."""
    request = context.get("request")
    user = context.get("user")
    if user is None or not user.is_authenticated:
        return 0
    if request is not None:
        cached = getattr(request, "_notices_unread", None)
        if cached is None:
            cached = request._notices_unread = unread_count(user)
        return cached
    return unread_count(user)
