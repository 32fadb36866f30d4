"""ua-writer: letters for Urgent Actions, offline. Version and app id only; cheap to import."""

__version__ = "0.1.0"
APP_ID = "ua-writer"
APP_NAME = "ua-writer"
ORG_NAME = "ua-writer"
