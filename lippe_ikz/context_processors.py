from django.conf import settings

from lippe_ikz.panels import navigation, user_navigation


def portal(request) -> dict:
    path = request.path
    items = []
    for item in navigation():
        active = path == "/" if item.path_prefix == "/" else path.startswith(item.path_prefix)
        items.append({"item": item, "active": active})
    mine = [{"item": item, "active": path == item.path_prefix} for item in user_navigation()]
    return {"portal_name": settings.PORTAL_NAME, "main_navigation": items, "user_navigation": mine}
