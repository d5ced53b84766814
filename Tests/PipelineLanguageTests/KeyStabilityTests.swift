import Foundation
import PipelineLanguage
import Testing

/// Cache keys of a fixed pipeline over fixed files, as earlier versions computed them: users'
/// caches (and paid videos) depend on them, so a change to the planner must not alter one.
@Suite struct KeyStabilityTests {
    /// Globs, file and value inputs, `if`, include/exclude, URLs, env, run, functions and defaults.
    static let pipeline = """
        version: 1
        name: features
        settings:
          output_dir: out/feat
          # `default` on the free tier is ltx-2.5, which renders every resolution and length below;
          # the tier is not part of any key.
          tier: free
        inputs:
          photos:
            glob: assets/**/*.{png,jpg,gif}
            exclude: ["**/hero-*"]
          heroes:
            files: [assets/hero-1.png, assets/hero-2.png]
          prompts:
            values: ["slow push-in", "orbit left"]
          moods: [calm, bold]
        stages:
          thumbs:
            uses: image.resize
            for_each: ${{ inputs.photos }}
            if: ${{ item.extension != 'gif' }}
            with: { image: "${{ item }}", width: 640, format: png }
          heroes:
            uses: image.resize
            for_each: ${{ inputs.heroes }}
            with: { image: "${{ item.path }}", height: 300, fit: inside, upscale: true, quality: 70 }
          clips:
            uses: magic_hour.image_to_video
            for_each: ${{ stages.thumbs }}
            needs: [heroes]
            matrix:
              resolution: [480p, 720p, 1080p]
              seconds: [5, 10]
              exclude:
                - { resolution: 1080p, seconds: 10 }
              include:
                - { resolution: 720p, seconds: 20 }
                - { resolution: 480p, prompt: teaser }
            with:
              image: ${{ item.path }}
              end_seconds: ${{ matrix.seconds }}
              resolution: ${{ matrix.resolution }}
              prompt: "${{ format('{0}-{1}', item.stem, join(inputs.moods, '+')) }} ${{ run.date }} ${{ env.PIPELINE_TEST }}"
              name: "${{ item.name }}"
          files:
            uses: download
            for_each: ${{ stages.clips }}
          final:
            uses: rename
            for_each: ${{ stages.files }}
            with:
              to: "${{ item.matrix.resolution }}/${{ replace(item.stem, ' ', '_') }}-${{ pad(item.matrix.seconds, 3) }}-${{ item.index }}.mp4"
              mode: move
          listed:
            uses: magic_hour.image_to_video
            for_each: [https://example.com/a.png, https://example.com/b.png]
            with: { image: "${{ item }}", end_seconds: 7, resolution: 720p }
          listdl:
            uses: download
            for_each: ${{ stages.listed }}
          listnamed:
            uses: rename
            for_each: ${{ stages.listdl }}
            with: { to: "listed/${{ stem(basename(item.stem)) }}.mp4", on_exists: version }
          single:
            uses: image.resize
            with: { image: assets/a.png, width: 10 }
          globbed:
            uses: image.resize
            for_each: { glob: "assets/*.png" }
            with: { image: "${{ item.path }}", width: 20, height: 20 }
          prompted:
            uses: magic_hour.image_to_video
            for_each: ${{ inputs.prompts }}
            matrix:
              res: [720p]
            with: { image: assets/b.jpg, end_seconds: 5, resolution: "${{ matrix.res }}", prompt: "${{ item }} ${{ matrix.res }}" }
          promptdl:
            uses: download
            for_each: ${{ stages.prompted }}
          promptnamed:
            uses: rename
            for_each: ${{ stages.promptdl }}
            with: { to: "p/${{ item.stem }}-${{ item.matrix.res }}.mp4" }
        """

    static let files = ["a.png", "b.jpg", "c d.png", "sub/e.gif", "hero-1.png", "hero-2.png"]

    /// Task id → cache key, inputs digest, parameters digest.
    static let pinned: [String: (key: String, inputs: String, parameters: String)] = [
        "thumbs[assets/a.png]": (
            "75d74e3665fd9bddc2169ab97b545b69e87ac215850f0f9a342040b410a9427d",
            "6c7fe949cb52e16e9126da5499e3d245c6f1c5507bfec2e7335f980fb2a2c033",
            "2272039ba014b3f171ef608e2a415c3ae243b06641c03099cfd365cd9486467e"
        ),
        "heroes[assets/hero-1.png]": (
            "aed2137f185346b283c02513a4d93fb571e6336f4bc0672ea50ac7958528d4e4",
            "21e1fb763b4f2b823c59d49637228504b54d1581592e733c44f1cf4874cb0898",
            "4b175492aee78ea322c42f0370e0dae505776d11966760dbfe1859db29589acc"
        ),
        "clips[assets/a.png]{prompt=teaser,resolution=480p,seconds=5}": (
            "4d618947cb2373ca90216f927fe4145eebcfe364fe68cbbaead5d0d15d20e844",
            "a3afbd469db2d160ca06ca93ec1b9f44923e1c07a828c960cb87698d2ea54f25",
            "9ba806590ef93c956459016229cbcbeea632c8ff4df41acb273feb2c18983f46"
        ),
        "clips[assets/b.jpg]{resolution=720p,seconds=20}": (
            "1bd5ee2ef6a5ea89b68a6a844c1dd7e06cae9b31a6548de293903e6bee53364f",
            "9a321fc0ad3fd072c8af9568c26f6da2255a257dcf99beb4adfba8136a3757bf",
            "62feb32a8ebb965c2e2615fe270889b386cfb6e08bdafc325447e7d7718b38f1"
        ),
        "files[assets/a.png]{resolution=1080p,seconds=5}": (
            "1500c242a2f9eb0bf73199c505d7ff951b5cb4b310eca61f21ee2d269f9a102f",
            "e364f3a0e71928ab9b4c1a2324e5f57dc8cb687c561f22994cefb70e34ddbdb4",
            "3f3e9510249e3ceb760e1e9b84d3084e5393128b79bccad415ddc12dcf882327"
        ),
        "final[assets/c d.png]{resolution=720p,seconds=10}": (
            "6299928219e7536db3116be0fd4f547d90df351cf9bef4ccb15336ac2a202c0c",
            "796c6c11bb20f20b7ffa70d721e484f912a8bbea3f556f22bc45b0b11e8ddc53",
            "5aaf26e21057812921e37dfa1e37dc487d7415d40ed2a7b132d2c927b6b260a5"
        ),
        "listed[https://example.com/a.png]": (
            "da4f583c70c16e77683f8a056b853ec0b0ce4ce9095d9e23af5fea3e358c2bd8",
            "6a235dc226ca8a2f3d2a6afeedbca16caf4cf5edf509e1be720ec5a7a4402da2",
            "6f3c33422dca0bc5945d4483c710593102ac75bb8c665037cdf8a908e1168c66"
        ),
        "listdl[https://example.com/b.png]": (
            "98c11d739e90e6d647e8d724167f44d5f981494e1111aef324cf769d855232ba",
            "e6d68fddfacce4fc895ae2dc82fa42b235c4f2234ac10f86e9764607180308b9",
            "3f3e9510249e3ceb760e1e9b84d3084e5393128b79bccad415ddc12dcf882327"
        ),
        "listnamed[https://example.com/a.png]": (
            "37a74cf5708e325b09a9dadbc21ddb41a6921abeea5694d0624b49c070d2cfd5",
            "dc38b1700036ce79c0a8de9169725e24835d8610c4a8faa59036a1e8bf710115",
            "f75101b582e098acfe613f5768aff8183fc4239591043108d449a6ebc2247217"
        ),
        "single": (
            "3f50a1e3ee4abbfa0e7a46c9d551614648d4f8e653f7ff196072f45fc332753a",
            "6c7fe949cb52e16e9126da5499e3d245c6f1c5507bfec2e7335f980fb2a2c033",
            "8c36438c69829da9f921125555f05944030ec954ad3c8577437cbf0c75f2568b"
        ),
        "globbed[assets/hero-2.png]": (
            "584d1d7e6a6d34f28c41cd62b6937cc53e1176c3c5adae382d78154bd3991f15",
            "e25260a757780b602791ccd0cc10d4c7635e56935c147c2ce730f90507dcf3b5",
            "20a2a86c0b4f47ff773b96cedb367196ce6790f501259fdb98ddd488bc9a4316"
        ),
        "prompted[orbit left]{res=720p}": (
            "87c5f71ebb16e5f193f48be17725b990e71e4908d751dc759e4dea59d2d44c8a",
            "783cb759e724fe249aa8dbf5c8372d26c4a377722341a6014b679c2688a36123",
            "3fa4a5e46d97aecbb61f14d6fb565368edb44909e3b6a960a1d668c2d8dc0366"
        ),
        "promptdl[slow push-in]{res=720p}": (
            "6919a7961d0596f3da5ed382cd9e0a8ee1e145cf9df3470fe269e23f3045a6fa",
            "4420a466965db0e5334fe251663438240de325d229ec7fe8e727d2923718fa2f",
            "3f3e9510249e3ceb760e1e9b84d3084e5393128b79bccad415ddc12dcf882327"
        ),
        "promptnamed[orbit left]{res=720p}": (
            "c1398f13d784d3600d05bad26303e3e94853168d0f11a452a1489033b2f49a7b",
            "c5d4b1fe4f159f2b4f2403d6c05196b82c37df1c77364840b4b9bd6235120523",
            "4d58d7b511bac11f5610d56fe784fccec2ae9773f8e43fc9ae7d76d8637afc5f"
        ),
    ]

    @Test func keysAreThoseOfEarlierVersions() throws {
        let directory = try TemporaryDirectory()
        for file in Self.files { try directory.write("assets/" + file, "content \(file)\n") }
        let compilation = compile(Self.pipeline, directory: directory.path, keys: true)
        #expect(!compilation.hasErrors, "\(compilation.diagnostics)")
        let plan = try #require(compilation.plan)
        #expect(plan.tasks.count == 76)
        for (id, expected) in Self.pinned {
            let task = try #require(plan.task(id: id), "no task \(id)")
            #expect(task.cacheKey == expected.key, "cache key of \(id)")
            #expect(task.inputsDigest == expected.inputs, "inputs digest of \(id)")
            #expect(task.parametersDigest == expected.parameters, "parameters digest of \(id)")
        }
    }
}
