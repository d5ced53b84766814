import ArgumentParser
import MagicHourRules

/// `--tier free|creator|pro|business`.
extension AccountTier: ExpressibleByArgument {}
