"""The organisers' names for the clusters of cards on the walls (issue 10): a board reads
better titled "Mobilité douce" than by its first card's words."""
from __future__ import annotations

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from kit.extensions import Model
from kit.models.base import Timestamped


class ClusterName(Timestamped, Model):
    """A name typed by an organiser for one wall cluster (``CardReading.cluster``, a key of
    the form "<photo>-<n>"). A cluster read again from another photo gets a new key, and so
    falls back to its first card's words until it is named again."""
    __tablename__ = "cluster_names"
    __table_args__ = (UniqueConstraint("workshop_id", "cluster"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshops.id", ondelete="CASCADE"),
                                             index=True)
    cluster: Mapped[str] = mapped_column(String(40))
    name: Mapped[str] = mapped_column(String(120))
