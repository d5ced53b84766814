// The fake speaks in the shared rules' types (`VideoResolution`), so re-export them.
@_exported import MagicHourRules
