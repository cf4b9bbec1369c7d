from django_tasks import task

from yukemuri.core.tasks import retry_later

from .services import export_build, export_fail


@task()
def build_export(export_id: int, attempt: int = 0) -> bool:
    """Prepare one "download your data" export and announce it. Idempotent (see services.export_build): a
    retry after a failure builds nothing twice and sends the e-mail once."""
    try:
        return export_build(export_id=export_id)
    except Exception:
        if not retry_later(build_export, export_id, attempt=attempt):
            export_fail(export_id=export_id)
        raise


@task()
def expire_exports_due() -> int:
    """Drop the files of exports past their expiry (each export schedules this for its expiry; the
    `privacy_expire` command sweeps for cron too). Idempotent."""
    from .services import expire_exports

    return expire_exports()
