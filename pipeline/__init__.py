"""agendapack: council agenda packs (PDF) into a searchable, structured SQLite record."""

__version__ = "0.6.0"
