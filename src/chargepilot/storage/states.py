"""The life of a dispute inside ChargePilot, as a state machine.

The row in `disputes` is the source of truth; the job queue only wakes
workers. Every move between states goes through `DisputeRepository.transition`,
which refuses the moves this table does not list.
"""

from __future__ import annotations

from enum import StrEnum


class DisputeState(StrEnum):
    RECEIVED = "received"
    MATCHED = "matched"
    NEEDS_REVIEW = "needs_review"
    EVIDENCE_BUILT = "evidence_built"
    STAGED = "staged"
    SUBMITTED = "submitted"
    FAILED = "failed"
    SKIPPED = "skipped"

    @property
    def is_terminal(self) -> bool:
        return not TRANSITIONS[self]


_GIVE_UP = frozenset({DisputeState.FAILED, DisputeState.SKIPPED})

TRANSITIONS: dict[DisputeState, frozenset[DisputeState]] = {
    DisputeState.RECEIVED: frozenset(
        {DisputeState.MATCHED, DisputeState.NEEDS_REVIEW} | _GIVE_UP
    ),
    DisputeState.MATCHED: frozenset(
        {DisputeState.EVIDENCE_BUILT, DisputeState.NEEDS_REVIEW} | _GIVE_UP
    ),
    # An operator confirms the order, or evidence is built for review only.
    DisputeState.NEEDS_REVIEW: frozenset(
        {DisputeState.MATCHED, DisputeState.EVIDENCE_BUILT} | _GIVE_UP
    ),
    # Rebuilding (a tracking update arrived) makes a new evidence revision.
    DisputeState.EVIDENCE_BUILT: frozenset(
        {DisputeState.EVIDENCE_BUILT, DisputeState.STAGED} | _GIVE_UP
    ),
    DisputeState.STAGED: frozenset(
        {DisputeState.EVIDENCE_BUILT, DisputeState.SUBMITTED} | _GIVE_UP
    ),
    DisputeState.SUBMITTED: frozenset(),
    # An operator may retry a failed dispute from the start.
    DisputeState.FAILED: frozenset({DisputeState.RECEIVED}),
    DisputeState.SKIPPED: frozenset(),
}


def can_transition(source: DisputeState, target: DisputeState) -> bool:
    return target in TRANSITIONS[source]


def sources_of(target: DisputeState) -> frozenset[DisputeState]:
    """Every state from which `target` may be reached."""
    return frozenset(s for s, targets in TRANSITIONS.items() if target in targets)
