"""What happens to a case, told to whoever listens, inside the transaction that makes it happen.

The services of `senim.cases` send `case_event` after their writes and before commit; listeners
(the webhooks outbox, triage) connect in their AppConfig.ready and write in the same
transaction, so that an event exists exactly when what it tells of exists. A listener must be
quick and must not call out of the process: whatever is slow or remote happens later, from a
table, in the task worker.

Keyword arguments sent with each event (`senim.cases.events.event_send` sends them all):
    kind     what happened (below)
    case     the Case as it is after the event (its appeal is case.appeal)
    actor    the staff member who acted, or None (the public, the sweep)
    detail   a small dict of ids and states (never a name, an identity or a report's text):
             always "case" (id), "appeal" (registration number), "unit" (responsible unit's
             code), "status" (after the event), "due_on" (ISO date or None); and per kind:

    kind                sent by                                   extra detail
    registered          cases.registration.appeal_register         channel
    status              cases.lifecycle.transition(_many): every   from, to (statuses)
                        move of the transition table, exactly once
    assigned            cases.handling.case_assign                 assignee (user id)
    rerouted            cases.handling.case_reroute                from_unit (unit code)
    referred            cases.handling (assessment, conclusion)    body (Referral.Body)
    extended            cases.deadlines.deadline_extend            previous_due_on
    deadline_breached   cases.deadlines.deadlines_escalate (the     -
                        sweep), once per case and deadline
    answer_issued       cases.answers.answer_issue (before the     -
                        "status" event of the closing it brings)

Events of one case within one transaction are sent in the order they happen.

Before a registration's transaction, `senim.cases.registration` sends `appeal_preparing` with
`draft` (the AppealDraft) and `at` (the time it will be registered at). A listener reads and
computes there what it will need (earlier reports, rules) and returns it; the "registered"
event then carries `prepared`, a dict from each such listener (the function) to what it
returned. Every registration queues on the year's number counter locked until commit, so
inside the transaction a listener only writes.
"""

from django.dispatch import Signal

case_event = Signal()
appeal_preparing = Signal()
