"""The data model, one module per feature. Importing this package registers every table."""
from kit.models.actors import Actor, ActorChange, ActorLink
from kit.models.address_book import AddressBookLink
from kit.models.afternoon import AfternoonGroup, AfternoonItem
from kit.models.board import ClusterName
from kit.models.cards import Card
from kit.models.digitisation import CardReading, FieldValue, Photo, Sighting, UploadLink
from kit.models.groups import ActionGroup, GroupMember, GroupNews, ReferentLink
from kit.models.members import Invitation, Membership
from kit.models.participants import Participant
from kit.models.prediagnostic import Answer, BaseItem
from kit.models.registrations import Registration
from kit.models.users import User
from kit.models.workshops import Workshop

__all__ = ["ActionGroup", "Actor", "ActorChange", "ActorLink", "AddressBookLink",
           "AfternoonGroup", "AfternoonItem", "Answer", "BaseItem", "Card", "CardReading",
           "ClusterName", "FieldValue", "GroupMember", "GroupNews", "Invitation", "Membership",
           "Participant", "Photo", "ReferentLink", "Registration", "Sighting", "UploadLink",
           "User", "Workshop"]
