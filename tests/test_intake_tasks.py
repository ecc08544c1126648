"""Intake's services enqueue tasks by their path (`senim.intake.enqueue`): each path names
the task it should, so a renamed or moved task fails here rather than in the worker."""

from __future__ import annotations

from django_tasks.base import Task

from senim.intake import enqueue, tasks


def test_every_task_named_by_path_is_the_task_itself() -> None:
    named = {
        name: value
        for name, value in vars(enqueue).items()
        if isinstance(value, enqueue.TaskByPath)
    }
    assert named == {"reporter_deliver": enqueue.TaskByPath("senim.intake.tasks.reporter_deliver")}
    for name, by_path in named.items():
        task = by_path.task()
        assert isinstance(task, Task)
        assert task is getattr(tasks, name)
        assert task.module_path == by_path.path
