extension EndpointField {
    /// `start_seconds`: where the segment of the input starts.
    static func startSeconds(required: Bool = true) -> EndpointField {
        EndpointField(
            "start_seconds", at: "start_seconds", .number(0...86_400), required: required,
            default: required ? "0" : nil, "where the segment starts, in seconds of the input")
    }

    /// `end_seconds`: where the segment ends (or how long the output is).
    static func endSeconds(_ summary: String, range: ClosedRange<Double> = 0.1...86_400) -> EndpointField {
        EndpointField("end_seconds", at: "end_seconds", .number(range), required: true, summary)
    }

    static func prompt(required: Bool = false, _ summary: String = "what to make (style.prompt)") -> EndpointField {
        EndpointField("prompt", at: "style.prompt", .text, required: required, summary)
    }

    static func file(
        _ parameter: String, at path: String, _ media: MediaKind, required: Bool = true, list: Bool = false,
        _ summary: String
    ) -> EndpointField {
        EndpointField(parameter, at: path, .file(media), required: required, list: list, summary)
    }
}
