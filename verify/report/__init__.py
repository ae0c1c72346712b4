"""Report model and renderers."""

from verify.report.model import Claim, DocumentInfo, Finding, Reference, Report, Vote

__all__ = ["Claim", "DocumentInfo", "Finding", "Reference", "Report", "Vote"]
