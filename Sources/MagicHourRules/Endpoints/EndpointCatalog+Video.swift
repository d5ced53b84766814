extension EndpointCatalog {
    /// Endpoints that make video projects (polled at `/v1/video-projects/{id}`).
    public static let videoEndpoints: [GenerationEndpoint] = [
        GenerationEndpoint(
            "text-to-video", kind: .video, type: "TEXT_TO_VIDEO", timing: .textToVideo,
            "Generates a video from a prompt with a video model (priced per second by model and resolution).",
            fields: [
                .prompt(required: true, "what the video shows (style.prompt)"),
                .endSeconds(
                    "video length: 1 to 60 s; each model takes its own lengths (`pipeline models`)", range: 1...60),
                EndpointField("model", at: "model", .choice(VideoModelCatalog.ids), "the video model (pin one)"),
                EndpointField(
                    "resolution", at: "resolution", .choice(VideoResolution.allCases.map(\.rawValue)),
                    "480p, 720p, 1080p or 4k; each model renders its own"),
                EndpointField("aspect_ratio", at: "aspect_ratio", .choice(["16:9", "9:16", "1:1"]), "frame shape"),
                EndpointField("audio", at: "audio", .boolean, "a soundtrack, on models that have one"),
            ],
            price: .videoModel,
            example: [
                ("prompt", "a lighthouse at dawn"), ("end_seconds", "5"), ("model", "ltx-2.3"), ("resolution", "480p"),
            ]
        ),
        GenerationEndpoint(
            "video-to-video", kind: .video, type: "VIDEO_TO_VIDEO", timing: .videoToVideo,
            "Restyles a segment of a video (48 credits per second).",
            fields: [
                .file("video", at: "assets.video_file_path", .video, "the video to restyle"),
                .startSeconds(), .endSeconds("where the segment ends, in seconds of the input"),
                EndpointField(
                    "art_style", at: "style.art_style", .choice(EndpointChoices.videoToVideoArtStyles), required: true,
                    default: "Watercolor", "the look"),
                EndpointField(
                    "model", at: "style.model", .choice(EndpointChoices.videoToVideoModels), "the base model"),
                .prompt(),
                EndpointField(
                    "fps_resolution", at: "fps_resolution", .choice(["FULL", "HALF"]), "FULL or HALF frame rate"),
            ],
            fixed: [FixedField("assets.video_source", "file")], timedInput: "video",
            price: .flat(48, per: .second),
            example: [("video", "clip.mp4"), ("start_seconds", "0"), ("end_seconds", "4"), ("art_style", "Watercolor")]
        ),
        GenerationEndpoint(
            "face-swap", kind: .video, type: "FACE_SWAP", timing: .faceSwapVideo,
            "Puts the face of an image on every face of a video segment (24 credits per second).",
            fields: [
                .file("video", at: "assets.video_file_path", .video, "the video"),
                .file("image", at: "assets.image_file_path", .image, "the face to put in"),
                .startSeconds(), .endSeconds("where the segment ends, in seconds of the input"),
            ],
            fixed: [FixedField("assets.video_source", "file")], timedInput: "video",
            price: .flat(24, per: .second),
            example: [("video", "clip.mp4"), ("image", "face.png"), ("start_seconds", "0"), ("end_seconds", "4")]
        ),
        GenerationEndpoint(
            "lip-sync", kind: .video, type: "LIP_SYNC", timing: .lipSync,
            "Syncs the lips of a video to an audio file (1 credit per frame, 2 on `pro`).",
            fields: [
                .file("video", at: "assets.video_file_path", .video, "the video whose lips move"),
                .file("audio", at: "assets.audio_file_path", .audio, "the speech"),
                .startSeconds(), .endSeconds("where the segment ends, in seconds of the input"),
                EndpointField(
                    "mode", at: "style.generation_mode", .choice(["lite", "standard", "pro"]),
                    "lite or standard (1 credit per frame), pro (2; paid tiers); API default lite"),
                EndpointField("max_fps_limit", at: "max_fps_limit", .number(1...120), "cap on the frame rate"),
            ],
            fixed: [FixedField("assets.video_source", "file")], timedInput: "video",
            price: .table(
                unit: .frame(limit: "max_fps_limit"), rateBy: ["mode"], defaults: ["mode": "lite"],
                rates: ["lite": 1, "standard": 1, "pro": 2]),
            example: [("video", "clip.mp4"), ("audio", "speech.mp3"), ("start_seconds", "0"), ("end_seconds", "4")]
        ),
        GenerationEndpoint(
            "animation", kind: .video, type: "ANIMATION", timing: .animation,
            "Animates an image or a prompt into a video, optionally to music (24 credits per second).",
            fields: [
                .file("image", at: "assets.image_file_path", .image, required: false, "a starting image"),
                .file("audio", at: "assets.audio_file_path", .audio, required: false, "music to sync to"),
                .endSeconds("video length in seconds", range: 0.1...60),
                EndpointField("fps", at: "fps", .number(1...60), required: true, default: "24", "frames per second"),
                EndpointField("width", at: "width", .integer(64...4096), required: true, default: "512", "width"),
                EndpointField("height", at: "height", .integer(64...4096), required: true, default: "512", "height"),
                EndpointField(
                    "art_style", at: "style.art_style", .choice(EndpointChoices.animationArtStyles), required: true,
                    default: "Painterly Illustration", "the look"),
                EndpointField(
                    "camera_effect", at: "style.camera_effect", .choice(EndpointChoices.animationCameraEffects),
                    required: true, default: "Simple Zoom In", "the camera's movement"),
                EndpointField(
                    "prompt_type", at: "style.prompt_type", .choice(["custom", "use_lyrics", "ai_choose"]),
                    required: true, default: "ai_choose", "custom (uses prompt), use_lyrics or ai_choose"),
                .prompt(),
                EndpointField(
                    "transition_speed", at: "style.transition_speed", .integer(1...10), required: true, default: "5",
                    "1 to 10"),
            ],
            fixed: [FixedField("assets.audio_source", "file", whenGiven: "audio", otherwise: "none")],
            price: .flat(24, per: .second),
            example: [("image", "photo.png"), ("end_seconds", "5")]
        ),
        GenerationEndpoint(
            "ai-talking-photo", kind: .video, type: "TALKING_PHOTO", timing: .talkingPhoto,
            "Makes a portrait speak an audio file (48 credits per second realistic, 20 prompted).",
            fields: [
                .file("image", at: "assets.image_file_path", .image, "the portrait"),
                .file("audio", at: "assets.audio_file_path", .audio, "the speech"),
                .startSeconds(), .endSeconds("where the segment of the audio ends"),
                EndpointField(
                    "mode", at: "style.generation_mode",
                    .choice(["realistic", "prompted", "pro", "standard", "stable", "expressive"]),
                    "API default realistic; only realistic and prompted publish a price"),
                .prompt(), EndpointField("max_resolution", at: "max_resolution", .integer(64...4096), "largest side"),
            ],
            timedInput: "audio",
            price: .table(
                unit: .second, rateBy: ["mode"], defaults: ["mode": "realistic"],
                rates: ["realistic": 48, "prompted": 20]),
            example: [("image", "face.png"), ("audio", "speech.mp3"), ("start_seconds", "0"), ("end_seconds", "3")]
        ),
        GenerationEndpoint(
            "audio-to-video", kind: .video, type: "AUDIO_TO_VIDEO", timing: .audioToVideo,
            "Makes a video to an audio file (24, 48 or 72 credits per second at 480p, 720p, 1080p).",
            fields: [
                .file("audio", at: "assets.audio_file_path", .audio, "the soundtrack"),
                .file("image", at: "assets.image_file_path", .image, required: false, "a starting image"),
                .startSeconds(required: false), .endSeconds("where the segment of the audio ends"),
                EndpointField(
                    "resolution", at: "resolution", .choice(["480p", "720p", "1080p"]), "API default 720p"),
                .prompt(),
            ],
            timedInput: "audio",
            price: .table(
                unit: .second, rateBy: ["resolution"], defaults: ["resolution": "720p"],
                rates: ["480p": 24, "720p": 48, "1080p": 72]),
            example: [("audio", "speech.mp3"), ("end_seconds", "3"), ("resolution", "480p")]
        ),
        GenerationEndpoint(
            "auto-subtitle-generator", kind: .video, type: "AUTO_SUBTITLE", timing: .autoSubtitle,
            "Burns subtitles of the speech into a video (4.8 credits per second, rounded up).",
            fields: [
                .file("video", at: "assets.video_file_path", .video, "the video"),
                .startSeconds(), .endSeconds("where the segment ends, in seconds of the input"),
                EndpointField(
                    "template", at: "style.template", .choice(["karaoke", "cinematic", "minimalist", "highlight"]),
                    "the look of the subtitles"),
            ],
            requiredObjects: ["style"], timedInput: "video",
            price: .flat(4.8, per: .second),
            example: [("video", "clip.mp4"), ("start_seconds", "0"), ("end_seconds", "4"), ("template", "cinematic")]
        ),
        GenerationEndpoint(
            "ai-video-editor", kind: .video, type: "VIDEO_EDITOR", timing: .aiVideoEditor,
            "Edits a video segment as a prompt says (no published price: unpriced).",
            fields: [
                .file("video", at: "assets.video_file_path", .video, "the video"),
                .startSeconds(required: false), .endSeconds("where the segment ends, in seconds of the input"),
                .prompt(required: true, "the edit to make (style.prompt)"),
                EndpointField("model", at: "model", .choice(["gemini-omni", "ltx-2.3"]), "the editing model"),
                EndpointField("resolution", at: "resolution", .choice(["480p", "720p", "1080p"]), "output resolution"),
            ],
            timedInput: "video", price: .unpublished,
            example: [("video", "clip.mp4"), ("end_seconds", "4"), ("prompt", "make it snow")]
        ),
    ]
}
