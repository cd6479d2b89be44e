from django.shortcuts import render

from search.selectors import search_page


def results(request):
    """/suche/: any logged-in member (LoginRequiredMiddleware); results are filtered to what
    the person may open (search.query.visibility)."""
    page = search_page(user=request.user, data=request.GET)
    return render(request, "search/results.html", {"search": page})
