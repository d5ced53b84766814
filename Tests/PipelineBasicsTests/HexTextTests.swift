import PipelineBasics
import Testing

/// Lower-case hex of bytes, and the one conversion of `Duration` to seconds.
@Suite struct HexTextTests {
    @Test(arguments: [
        ([UInt8](), ""), ([0x00], "00"), ([0x0F], "0f"), ([0xF0], "f0"), ([0xFF, 0x10, 0x09], "ff1009"),
        ([0xDE, 0xAD, 0xBE, 0xEF], "deadbeef"),
    ])
    func encodesTwoLowerCaseDigitsPerByte(_ bytes: [UInt8], _ hex: String) {
        #expect(HexText.encode(bytes) == hex)
    }

    @Test func everyByteRoundTripsThroughItsDigits() {
        let all = (0...255).map(UInt8.init)
        let hex = HexText.encode(all)
        #expect(hex.count == 512)
        let pairs = stride(from: 0, to: hex.count, by: 2).map { offset -> UInt8? in
            let start = hex.index(hex.startIndex, offsetBy: offset)
            return UInt8(hex[start..<hex.index(start, offsetBy: 2)], radix: 16)
        }
        #expect(pairs == all.map(Optional.some))
        #expect(!hex.contains { $0.isUppercase })
    }

    @Test func encodesAnyByteSequence() {
        #expect(HexText.encode("AZ".utf8) == "415a")
        #expect(HexText.encode(AnySequence([UInt8(1), 2])) == "0102")
    }

    @Test(arguments: Array(UInt8(0)...15))
    func digitsOfNibbles(_ nibble: UInt8) {
        #expect(String(decoding: [HexText.digit(nibble)], as: UTF8.self) == String(nibble, radix: 16))
    }

    @Test(
        arguments: [
            (Duration.seconds(3), 3.0), (.milliseconds(1500), 1.5), (.zero, 0), (.nanoseconds(1), 1e-9),
            (.seconds(-2), -2), (.milliseconds(-250), -0.25), (.seconds(31_536_000), 31_536_000),
        ] as [(Duration, Double)])
    func durationsInSeconds(_ duration: Duration, _ seconds: Double) {
        #expect(abs(duration.seconds - seconds) < 1e-12)
    }
}
