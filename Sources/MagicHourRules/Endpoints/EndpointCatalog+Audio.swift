extension EndpointCatalog {
    /// Endpoints that make audio projects (polled at `/v1/audio-projects/{id}`).
    public static let audioEndpoints: [GenerationEndpoint] = [
        GenerationEndpoint(
            "ai-voice-generator", kind: .audio, type: "VOICE_GENERATOR", timing: .voice,
            "Speaks a text in a chosen voice (0.05 credits per character, rounded up).",
            fields: [
                .prompt(required: true, "the text to speak, up to 1000 characters (style.prompt)"),
                EndpointField(
                    "voice", at: "style.voice_name", .choice(EndpointChoices.voiceNames), required: true,
                    "the voice, by name (every name is in `pipeline schema`)"),
            ],
            price: .flat(0.05, per: .character(of: "prompt")),
            example: [("prompt", "Hello from the pipeline."), ("voice", "Morgan Freeman")]
        ),
        GenerationEndpoint(
            "ai-voice-cloner", kind: .audio, type: "VOICE_CLONER", timing: .voice,
            "Speaks a text in the voice of an audio sample (0.05 credits per character, rounded up).",
            fields: [
                .file("audio", at: "assets.audio_file_path", .audio, "a sample of the voice"),
                .prompt(required: true, "the text to speak (style.prompt)"),
            ],
            price: .flat(0.05, per: .character(of: "prompt")),
            example: [("audio", "sample.mp3"), ("prompt", "Hello from the pipeline.")]
        ),
    ]

    /// The seconds of speech a text makes, as the fake renders it: 15 characters a second, at
    /// least one second. Downstream stages read it as the audio's `duration`.
    public static func speechSeconds(characters: Int) -> Double {
        max(1, (Double(characters) / 15 * 10).rounded(.up) / 10)
    }
}
