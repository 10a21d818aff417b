"""Cases on the caseworker's side: the queue, who holds a case, the meeting, and the audit trail.

Staff views reach data only through `queries` (reads) and `commands` (changes); every read or change of a case
writes an audit entry in the same transaction (`audit`), so a failed audit write fails the request.
"""
