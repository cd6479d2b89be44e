from django.conf import settings

from lippe_ikz.celery import app


def test_celery_reads_django_settings_and_accepts_json_only():
    assert app.conf.task_serializer == "json"
    assert app.conf.accept_content == ["json"]
    assert app.conf.task_soft_time_limit < app.conf.task_time_limit
    assert app.conf.task_acks_late is True
    assert app.conf.beat_scheduler == "django_celery_beat.schedulers:DatabaseScheduler"
    assert app.conf.timezone == "Europe/Berlin"


def test_tasks_run_eagerly_without_a_broker():
    # The test settings mirror `make run`: no REDIS_URL means eager tasks in-process.
    assert settings.CELERY_TASK_ALWAYS_EAGER is True
