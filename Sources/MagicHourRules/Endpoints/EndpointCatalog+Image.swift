extension EndpointCatalog {
    /// Per-image rates of the image models (their lowest published), keyed by model id.
    private static func imageRates(editor: Bool) -> [String: Double] {
        Dictionary(
            uniqueKeysWithValues: ImageModelCatalog.models.filter { editor ? $0.editor : $0.generator }.map {
                ($0.id, Double($0.creditsPerImage))
            })
    }

    private static let imageResolutions = ["auto", "640px", "1k", "2k", "4k"]

    /// Endpoints that make image projects (polled at `/v1/image-projects/{id}`).
    public static let imageEndpoints: [GenerationEndpoint] = [
        GenerationEndpoint(
            "ai-image-generator", kind: .image, type: "AI_IMAGE", timing: .imageGenerator,
            "Generates images from a prompt (per image by model, times image_count).",
            fields: [
                .prompt(required: true, "what the images show (style.prompt)"),
                EndpointField(
                    "image_count", at: "image_count", .integer(1...16), required: true, default: "1",
                    "images per job; each model makes its own counts"),
                EndpointField(
                    "model", at: "model", .choice(ImageModelCatalog.ids(editor: false)),
                    "the image model (pin one: `default` has no published price)"),
                EndpointField("aspect_ratio", at: "aspect_ratio", .choice(["1:1", "16:9", "9:16"]), "frame shape"),
                EndpointField("resolution", at: "resolution", .choice(imageResolutions), "API default auto"),
                EndpointField(
                    "tool", at: "style.tool", .choice(EndpointChoices.imageGeneratorTools),
                    "a preset (API default general)"),
            ],
            price: .table(unit: .image(count: "image_count"), rateBy: ["model"], rates: imageRates(editor: false)),
            example: [("prompt", "a red bicycle, studio light"), ("model", "flux-schnell"), ("image_count", "1")]
        ),
        GenerationEndpoint(
            "ai-image-editor", kind: .image, type: "AI_IMAGE_EDITOR", timing: .imageEditor,
            "Edits an image as a prompt says (per image by model, times image_count).",
            fields: [
                .file("image", at: "assets.image_file_paths", .image, list: true, "the image to edit"),
                .prompt(required: true, "the edit (style.prompt)"),
                EndpointField("image_count", at: "image_count", .choice(["1", "4", "9", "16"]), "images per job"),
                EndpointField(
                    "model", at: "model", .choice(ImageModelCatalog.ids(editor: true)),
                    "the image model (pin one: `default` has no published price)"),
                EndpointField(
                    "aspect_ratio", at: "aspect_ratio",
                    .choice(["auto", "16:9", "9:16", "4:3", "3:2", "1:1", "4:5", "2:3"]),
                    "frame shape"),
                EndpointField("resolution", at: "resolution", .choice(imageResolutions), "output resolution"),
            ],
            price: .table(unit: .image(count: "image_count"), rateBy: ["model"], rates: imageRates(editor: true)),
            example: [("image", "photo.png"), ("prompt", "make the sky purple"), ("model", "qwen-edit")]
        ),
        GenerationEndpoint(
            "ai-image-upscaler", kind: .image, type: "IMAGE_UPSCALER", timing: .upscaler,
            "Upscales an image 2× or 4× (preserve 25/100, balanced or creative 50/200 credits).",
            fields: [
                .file("image", at: "assets.image_file_path", .image, "the image"),
                EndpointField(
                    "scale_factor", at: "scale_factor", .number(1...4), required: true, default: "2", "2 or 4"),
                EndpointField(
                    "mode", at: "style.mode", .choice(["preserve", "balanced", "creative", "pro"]),
                    "API default balanced; pro is deprecated (= preserve)"),
                .prompt(required: false, "guides the creative mode (style.prompt)"),
            ],
            price: .table(
                unit: .job, rateBy: ["mode", "scale_factor"], defaults: ["mode": "balanced"],
                rates: [
                    "preserve,2": 25, "preserve,4": 100, "pro,2": 25, "pro,4": 100, "balanced,2": 50, "balanced,4": 200,
                    "creative,2": 50, "creative,4": 200,
                ]),
            example: [("image", "photo.png"), ("scale_factor", "2"), ("mode", "preserve")]
        ),
        GenerationEndpoint(
            "image-background-remover", kind: .image, type: "BACKGROUND_REMOVER", timing: .backgroundRemover,
            "Removes (or replaces) an image's background (5 credits).",
            fields: [
                .file("image", at: "assets.image_file_path", .image, "the image"),
                .file(
                    "background", at: "assets.background_image_file_path", .image, required: false, "a new background"),
            ],
            price: .flat(5), example: [("image", "photo.png")]
        ),
        GenerationEndpoint(
            "photo-colorizer", kind: .image, type: "PHOTO_COLORIZER", timing: .colorizer,
            "Colours a black-and-white photo (10 credits).",
            fields: [.file("image", at: "assets.image_file_path", .image, "the photo")],
            price: .flat(10), example: [("image", "old.png")]
        ),
        GenerationEndpoint(
            "face-swap-photo", kind: .image, type: "FACE_SWAP_PHOTO", timing: .faceSwapPhoto,
            "Puts a face on the faces of a photo (10 credits).",
            fields: [
                .file("face", at: "assets.source_file_path", .image, "the face to put in"),
                .file("image", at: "assets.target_file_path", .image, "the photo whose faces change"),
            ],
            price: .flat(10), example: [("face", "face.png"), ("image", "group.png")]
        ),
        GenerationEndpoint(
            "head-swap", kind: .image, type: "HEAD_SWAP", timing: .headSwap,
            "Puts a head on a body (10 credits).",
            fields: [
                .file("body", at: "assets.body_file_path", .image, "the photo with the body"),
                .file("head", at: "assets.head_file_path", .image, "the photo with the head"),
                EndpointField("max_resolution", at: "max_resolution", .integer(64...4096), "largest side"),
            ],
            price: .flat(10), example: [("body", "body.png"), ("head", "head.png")]
        ),
        GenerationEndpoint(
            "body-swap", kind: .image, type: "BODY_SWAP", timing: .bodySwap,
            "Puts a person into a scene (100 credits).",
            fields: [
                .file("person", at: "assets.person_file_path", .image, "the person"),
                .file("scene", at: "assets.scene_file_path", .image, "the scene"),
                EndpointField(
                    "resolution", at: "resolution", .choice(["640px", "1k", "2k", "4k"]), required: true, default: "1k",
                    "output resolution"),
            ],
            price: .flat(100), example: [("person", "person.png"), ("scene", "beach.png")]
        ),
        GenerationEndpoint(
            "ai-clothes-changer", kind: .image, type: "CLOTHES_CHANGER", timing: .clothesChanger,
            "Dresses a person in a garment (25 credits).",
            fields: [
                .file("person", at: "assets.person_file_path", .image, "the person"),
                .file("garment", at: "assets.garment_file_path", .image, "the garment"),
                EndpointField(
                    "garment_type", at: "assets.garment_type",
                    .choice(["entire_outfit", "upper_body", "lower_body", "dresses"]), "which part it covers"),
            ],
            price: .flat(25), example: [("person", "person.png"), ("garment", "shirt.png")]
        ),
        GenerationEndpoint(
            "ai-headshot-generator", kind: .image, type: "HEADSHOT_GENERATOR", timing: .headshot,
            "Makes a professional headshot from a photo (50 credits).",
            fields: [.file("image", at: "assets.image_file_path", .image, "the photo"), .prompt()],
            price: .flat(50), example: [("image", "face.png")]
        ),
        GenerationEndpoint(
            "ai-gif-generator", kind: .image, type: "AI_GIF", timing: .gif,
            "Generates an animated GIF from a prompt (50 credits).",
            // `output_format` (mp4, webm) is left to its default, gif: a download is then a GIF.
            fields: [.prompt(required: true, "what the GIF shows (style.prompt)")],
            price: .flat(50), example: [("prompt", "a dancing cat")]
        ),
        GenerationEndpoint(
            "ai-meme-generator", kind: .image, type: "AI_MEME", timing: .meme,
            "Makes a meme about a topic (10 credits).",
            fields: [
                EndpointField("topic", at: "style.topic", .text, required: true, "what the meme is about"),
                EndpointField(
                    "template", at: "style.template", .choice(EndpointChoices.memeTemplates), required: true,
                    default: "Random", "the meme template"),
                EndpointField("search_web", at: "style.searchWeb", .boolean, "look the topic up first"),
            ],
            price: .flat(10), example: [("topic", "Mondays")]
        ),
        GenerationEndpoint(
            "ai-qr-code-generator", kind: .image, type: "QR_CODE", timing: .qrCode,
            "Makes an artistic QR code (free).",
            fields: [
                EndpointField("content", at: "content", .text, required: true, "what the code encodes"),
                EndpointField("art_style", at: "style.art_style", .text, required: true, "the look, in words"),
            ],
            price: .flat(0), example: [("content", "https://example.com"), ("art_style", "watercolour garden")]
        ),
        GenerationEndpoint(
            "ai-face-editor", kind: .image, type: "FACE_EDITOR", timing: .faceEditor,
            "Edits a face: gaze, smile, head pose (1 credit).",
            fields: [.file("image", at: "assets.image_file_path", .image, "the portrait")]
                + [
                    "eyebrow_direction", "eye_gaze_horizontal", "eye_gaze_vertical", "eye_open_ratio", "lip_open_ratio",
                    "head_roll", "mouth_grim", "mouth_pout", "mouth_purse", "mouth_smile", "mouth_position_horizontal",
                    "mouth_position_vertical", "head_pitch", "head_yaw",
                ].map { EndpointField($0, at: "style.\($0)", .number(-100...100), "-100 to 100 (API default 0)") }
                + [EndpointField("enhance_face", at: "style.enhance_face", .boolean, "enhance the face")],
            requiredObjects: ["style"], price: .flat(1), example: [("image", "face.png"), ("mouth_smile", "40")]
        ),
    ]
}
