import PipelineStore

/// How many tasks have each status: the store's one tally (``TaskStatusCounts``).
package typealias StatusCounts = TaskStatusCounts
