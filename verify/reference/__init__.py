"""Reference tables: loading and validation (`loader`) and the immutable query index (`index`)."""

from verify.reference.index import BodyInfo, Entity, ReferenceIndex, default_index
from verify.reference.loader import TableError

__all__ = ["BodyInfo", "Entity", "ReferenceIndex", "TableError", "default_index"]
