import Foundation
import MagicHourRules

/// Which stages' credits are estimates, and from what: an image model priced at the lowest rate
/// the vendor publishes ("from N credits/image"), or a segment whose input is made upstream (or
/// is a URL), billed as declared and, per frame, at 24 frames a second. `pipeline plan` prints
/// one note per such stage.
public enum PriceEstimateNotes {
    public static func notes(for plan: Plan) -> [String] {
        var notes: [String] = []
        for stage in plan.pipeline.stages {
            guard let endpoint = stage.type.endpoint,
                let task = plan.tasks.first(where: { $0.stage == stage.name && !$0.isUnpriced })
            else { continue }
            if endpoint.kind == .image, endpoint.field("model") != nil,
                let model = task.parameters["model"]?.stringValue, ImageModelCatalog[id: model] != nil
            {
                notes.append(
                    "\(stage.name): estimated from \(model)'s lowest published price (\"from "
                        + "\(ImageModelCatalog[id: model]!.creditsPerImage) credits/image\"); the final charge may be higher"
                )
            }
            guard let input = endpoint.timedInput, let path = task.parameters[input]?.stringValue else { continue }
            let local = PathText.resolve(path, against: plan.pipeline.baseDirectory)
            guard PathText.isRemote(path) || !FileManager.default.fileExists(atPath: local) else { continue }
            let perFrame: Bool
            if case .table(.frame, _, _, _) = endpoint.price { perFrame = true } else { perFrame = false }
            notes.append(
                "\(stage.name): estimated from the declared segment (end_seconds − start_seconds)"
                    + (perFrame ? " at 24 frames a second" : "")
                    + ": its \(input) is made upstream or remote, so its real length is not known before the run")
        }
        return notes
    }
}
