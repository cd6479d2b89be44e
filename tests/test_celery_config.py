from django.conf import settings

from lippe_ikz.celery import app


def test_celery_reads_django_settings_and_accepts_json_only():
    assert app.conf.task_serializer == "json"
    assert app.conf.accept_content == ["json"]
    assert app.conf.task_soft_time_limit < app.conf.task_time_limit
    assert app.conf.task_acks_late is True
    assert app.conf.beat_scheduler == "django_celery_beat.schedulers:DatabaseScheduler"
    assert app.conf.timezone == "Europe/Berlin"


def test_tests_run_tasks_eagerly_but_make_run_does_not():
    # The test settings run tasks in-process (a task's effect is visible at once); `make run`
    # uses a real worker and beat on the embedded broker (tests/test_embedded_broker.py).
    assert settings.CELERY_TASK_ALWAYS_EAGER is True
    from lippe_ikz.settings import base

    assert base.CELERY_EMBEDDED_BROKER_URL.startswith("sqla+sqlite:///")
    assert base.CELERY_EMBEDDED_BROKER_URL.endswith("/var/celery-broker.sqlite3")
