import PipelineMedia
import Testing

/// Files made by ffmpeg, read back through libavformat: durations within 0.05 s, sizes, rates, tracks.
@Suite struct MediaProbeTests {
    static let tolerance = 0.05

    @Test func aSilentMP4HasItsDurationSizeAndRate() async throws {
        let folder = try MediaFolder()
        defer { folder.remove() }
        let path = try await folder.video(
            "clip.mp4", seconds: 2.5, width: 320, height: 240, framesPerSecond: 24, audio: false)
        let info = try MediaProbe.info(ofFile: path)
        #expect(abs(try #require(info.durationSeconds) - 2.5) <= Self.tolerance)
        #expect(info.hasVideo && !info.hasAudio)
        #expect(info.width == 320 && info.height == 240)
        #expect(info.framesPerSecond == 24)
        #expect(info.formatName.split(separator: ",").contains("mp4"))
    }

    @Test func anMP4WithASoundtrackHasAudioToo() async throws {
        let folder = try MediaFolder()
        defer { folder.remove() }
        let path = try await folder.video(
            "talk.mp4", seconds: 2.5, width: 640, height: 360, framesPerSecond: 30, audio: true)
        let info = try MediaProbe.info(ofFile: path)
        #expect(abs(try #require(info.durationSeconds) - 2.5) <= Self.tolerance)
        #expect(info.hasVideo && info.hasAudio)
        #expect(info.width == 640 && info.height == 360)
        #expect(info.framesPerSecond == 30)
    }

    @Test(arguments: ["tone.mp3", "tone.wav"])
    func anAudioFileHasADurationAndNoPicture(name: String) async throws {
        let folder = try MediaFolder()
        defer { folder.remove() }
        let path = try await folder.tone(name, seconds: 1.75)
        let info = try MediaProbe.info(ofFile: path)
        #expect(abs(try #require(info.durationSeconds) - 1.75) <= Self.tolerance)
        #expect(info.hasAudio && !info.hasVideo)
        #expect(info.width == nil && info.height == nil && info.framesPerSecond == nil)
        #expect(info.formatName == (name.hasSuffix(".mp3") ? "mp3" : "wav"))
    }

    @Test func aCoverPictureIsNotAVideoTrack() async throws {
        let folder = try MediaFolder()
        defer { folder.remove() }
        let tone = try await folder.tone("tone.mp3", seconds: 1.75)
        let cover = try await folder.image("cover.png", width: 64, height: 64)
        let path = try await folder.withCover("song.mp3", audio: tone, picture: cover)
        let info = try MediaProbe.info(ofFile: path)
        #expect(abs(try #require(info.durationSeconds) - 1.75) <= Self.tolerance)
        #expect(info.hasAudio && !info.hasVideo)
        #expect(info.width == nil && info.framesPerSecond == nil)
    }

    @Test func aStillImageIsOnePictureWithoutATimeline() async throws {
        let folder = try MediaFolder()
        defer { folder.remove() }
        let path = try await folder.image("frame.png", width: 200, height: 100)
        let info = try MediaProbe.info(ofFile: path)
        #expect(
            info
                == MediaInfo(
                    durationSeconds: nil, hasVideo: true, hasAudio: false, width: 200, height: 100,
                    framesPerSecond: nil, formatName: "png_pipe"))
    }

    /// Colons and spaces in a name are part of a plain file's name (the probe opens `file:` URLs).
    @Test func aNameWithAColonAndSpacesIsAPlainFile() async throws {
        let folder = try MediaFolder()
        defer { folder.remove() }
        let path = try await folder.tone("take:2 of 3.wav", seconds: 1.75)
        let info = try MediaProbe.info(ofFile: path)
        #expect(abs(try #require(info.durationSeconds) - 1.75) <= Self.tolerance)
        #expect(info.formatName == "wav")
    }

    @Test func aLongerVideoReadsAsLonger() async throws {
        let folder = try MediaFolder()
        defer { folder.remove() }
        let short = try await folder.video(
            "short.mp4", seconds: 1, width: 160, height: 120, framesPerSecond: 25, audio: true)
        let long = try await folder.video(
            "long.mp4", seconds: 4, width: 160, height: 120, framesPerSecond: 25, audio: true)
        let shortSeconds = try #require(try MediaProbe.info(ofFile: short).durationSeconds)
        let longSeconds = try #require(try MediaProbe.info(ofFile: long).durationSeconds)
        #expect(abs(shortSeconds - 1) <= Self.tolerance)
        #expect(abs(longSeconds - 4) <= Self.tolerance)
    }
}
