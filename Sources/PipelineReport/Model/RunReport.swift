import PipelineStore

/// Everything the report of one run shows, read from the state store (and the disk, for whether
/// output files still exist). Built by ``RunReportBuilder``; drawn by ``HTMLReportWriter``.
package struct RunReport: Sendable {
    /// The run.
    package var run: RunRecord
    /// The folder relative output paths resolve against (the pipeline file's folder).
    package var baseDirectory: String
    /// The pipeline file the stage graph was drawn from, when one could be compiled.
    package var pipelineFile: String?
    /// Stages in graph order: those of the pipeline file first, then any other the run's tasks name.
    package var stages: [StageReport]
    /// Edges of the stage graph (empty when no pipeline file could be compiled).
    package var edges: [StageEdge]
    /// The run's tasks, in task-id order.
    package var tasks: [TaskRecord]
    /// Failed, uncertain and skipped tasks, in that order.
    package var problems: [TaskProblem]
    /// Images written by resize tasks.
    package var images: [ImageOutput]
    /// Videos written by download and rename tasks, one per content.
    package var videos: [VideoOutput]
    /// Remarks for the reader (why the graph has no edges, etc.).
    package var notes: [String]
    /// The run's paid tasks that created a project, with the ledger's estimated, charged and
    /// final credits, in task order.
    package var paidCredits: [TaskCredits] = []

    /// Creates a report.
    package init(
        run: RunRecord, baseDirectory: String, pipelineFile: String?, stages: [StageReport], edges: [StageEdge],
        tasks: [TaskRecord], problems: [TaskProblem], images: [ImageOutput], videos: [VideoOutput], notes: [String]
    ) {
        self.run = run
        self.baseDirectory = baseDirectory
        self.pipelineFile = pipelineFile
        self.stages = stages
        self.edges = edges
        self.tasks = tasks
        self.problems = problems
        self.images = images
        self.videos = videos
        self.notes = notes
    }

    /// The run's tasks by status.
    package var counts: StatusCounts { StatusCounts(tasks) }

    /// Credits charged to the run's tasks, summed.
    package var taskCredits: Int { stages.reduce(0) { $0 + $1.credits } }
}
