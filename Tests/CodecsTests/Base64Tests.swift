import DarkroomTestSupport
import Foundation
import Testing
import Codecs

/// The base64 decoder (both cores) and encoder against the independent reference decoder,
/// Foundation, and the real API payloads.
@Suite struct Base64Tests {
    static let implementations = Base64.Implementation.allCases

    /// The bytes of a string.
    static func ascii(_ text: String) -> [UInt8] { Array(text.utf8) }

    /// A short account of a decode result for failure messages (not the whole output).
    static func summary(_ result: Result<[UInt8], Base64Error>) -> String {
        switch result {
        case let .success(bytes): return "\(bytes.count) bytes, hash \(bytes.hashValue)"
        case let .failure(error): return "\(error)"
        }
    }

    /// The decode as a Result, for comparing successes and failures alike.
    static func decode(_ text: [UInt8], _ implementation: Base64.Implementation,
                       options: Base64.DecodeOptions = .init()) -> Result<[UInt8], Base64Error> {
        Result { () throws(Base64Error) -> [UInt8] in
            try Base64.decode(text, options: options, implementation: implementation)
        }
    }

    // MARK: Dispatch

    @Test func activeImplementationMatchesTheCPU() throws {
        #if os(Linux) && arch(x86_64)
        let cpuinfo = try String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)
        let flagsLine = try #require(cpuinfo.split(separator: "\n").first { $0.hasPrefix("flags") })
        let flags = Set(flagsLine.split(separator: " ").map(String.init))
        // The kernel lists avx only when it saves the YMM state.
        let v3 = ["avx", "avx2", "bmi1", "bmi2", "fma", "f16c", "movbe", "abm", "xsave"].allSatisfy(flags.contains)
        #expect(Base64.Implementation.avx2.isAvailable == v3)
        #expect(Base64.implementation == (v3 ? "avx2" : "portable"))
        #else
        #expect(Base64.implementation == "portable")
        #endif
        #expect(Base64.Implementation.portable.isAvailable)
        #expect(Base64.activeImplementation.rawValue == Base64.implementation)
    }

    // MARK: Against the reference

    @Test(arguments: implementations)
    func everyLengthRoundTripsFoundationText(_ implementation: Base64.Implementation) throws {
        var random = SplitMix64(seed: 1)
        for length in 0...257 {
            let bytes = random.bytes(length)
            let text = Data(bytes).base64EncodedString()
            #expect(try Base64.decode(text, implementation: implementation) == bytes, "length \(length)")
            let unpadded = Self.ascii(String(text.prefix { $0 != "=" }))
            #expect(try Base64.decode(unpadded, implementation: implementation) == bytes, "unpadded length \(length)")
            #expect(Base64Reference.decode(Self.ascii(text)) == .success(bytes), "reference, length \(length)")
        }
    }

    @Test(arguments: implementations)
    func randomTextOfEveryLengthMatchesTheReference(_ implementation: Base64.Implementation) {
        var random = SplitMix64(seed: 2)
        let extras = Self.ascii("=\\ \n-_!\u{7F}") + [0x00, 0x80, 0xFF]
        for length in 0...257 {
            for variant in 0..<6 {
                var text = random.base64Characters(length)
                switch variant {
                case 0: break  // clean text, every length mod 4
                case 1: text += Self.ascii(String(repeating: "=", count: Int.random(in: 1...3, using: &random)))
                case 2, 3, 4:  // one foreign byte (or escape) somewhere
                    let position = Int.random(in: 0...text.count, using: &random)
                    let extra = extras.randomElement(using: &random)!
                    text.insert(contentsOf: extra == UInt8(ascii: "\\") ? Self.ascii("\\/") : [extra], at: position)
                default:  // a JSON escape in place of every slash
                    text = text.flatMap { $0 == UInt8(ascii: "/") ? Self.ascii("\\/") : [$0] }
                }
                for options in [Base64.DecodeOptions(), .strict, .init(ignoreWhitespace: true)] {
                    #expect(Self.decode(text, implementation, options: options) == Base64Reference.decode(text, options: options),
                            "length \(length) variant \(variant) text \(String(decoding: text, as: UTF8.self))")
                }
            }
        }
    }

    @Test(arguments: implementations)
    func oneMebibyteRoundTrips(_ implementation: Base64.Implementation) throws {
        var random = SplitMix64(seed: 3)
        let bytes = random.bytes(1 << 20)
        let text = Self.ascii(Data(bytes).base64EncodedString())
        #expect(try Base64.decode(text, implementation: implementation) == bytes)
        #expect(Base64Reference.decode(text) == .success(bytes))
        // The same with every slash JSON-escaped, and wrapped in MIME lines.
        let escaped = text.flatMap { $0 == UInt8(ascii: "/") ? Self.ascii("\\/") : [$0] }
        #expect(escaped.count > text.count)
        #expect(try Base64.decode(escaped, implementation: implementation) == bytes)
        let lines = Self.ascii(Data(bytes).base64EncodedString(options: [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed]))
        #expect(try Base64.decode(lines, options: .init(ignoreWhitespace: true), implementation: implementation) == bytes)
        #expect(throws: Base64Error.invalidByte(offset: 76, byte: 0x0D)) {
            try Base64.decode(lines, implementation: implementation)
        }
    }

    @Test(arguments: implementations)
    func mutatedLargeTextMatchesTheReference(_ implementation: Base64.Implementation) {
        var random = SplitMix64(seed: 4)
        let clean = random.base64Characters(70_000)
        for _ in 0..<200 {
            var text = clean
            let position = Int.random(in: 0..<text.count, using: &random)
            text[position] = UInt8.random(in: 0...255, using: &random)
            let expected = Base64Reference.decode(text)
            let actual = Self.decode(text, implementation)
            #expect(actual == expected,
                    "byte \(text[position]) at \(position): \(Self.summary(actual)), expected \(Self.summary(expected))")
        }
    }

    // MARK: Invalid bytes

    @Test(arguments: implementations)
    func everyInvalidByteAtEveryPositionIsReportedExactly(_ implementation: Base64.Implementation) {
        var random = SplitMix64(seed: 5)
        // Long enough for several SIMD blocks of either core, then a scalar tail.
        let clean = random.base64Characters(420)
        #expect(Self.decode(clean, implementation) == Base64Reference.decode(clean))
        let invalid = (0...255).map(UInt8.init).filter { Base64Reference.value(of: $0) == nil && $0 != UInt8(ascii: "=") }
        #expect(invalid.count == 256 - 64 - 1)
        var failures = 0
        for byte in invalid {
            for position in 0..<clean.count {
                // A backslash before a slash is the JSON escape, not an error.
                if byte == UInt8(ascii: "\\") && position + 1 < clean.count && clean[position + 1] == UInt8(ascii: "/") { continue }
                var text = clean
                text[position] = byte
                let result = Self.decode(text, implementation)
                if result != .failure(.invalidByte(offset: position, byte: byte)) {
                    failures += 1
                    if failures < 10 { Issue.record("byte \(byte) at \(position): \(result)") }
                }
            }
        }
        #expect(failures == 0)
    }

    @Test(arguments: implementations)
    func strictOptionsRejectEveryLeniency(_ implementation: Base64.Implementation) {
        let cases: [(String, Base64Error)] = [
            ("QUJD QUJD", .invalidByte(offset: 4, byte: 0x20)),
            ("QUJD\nQUJD", .invalidByte(offset: 4, byte: 0x0A)),
            ("QUJD-_", .invalidByte(offset: 4, byte: UInt8(ascii: "-"))),
            ("QUJD\\/QQ==", .invalidByte(offset: 4, byte: UInt8(ascii: "\\"))),
            ("data:image/png;base64,QUJD", .invalidByte(offset: 4, byte: UInt8(ascii: ":"))),
            ("QUJDQQ", .missingPadding(offset: 6)),
            ("QUJDQUI", .missingPadding(offset: 7)),
            ("QUJDQ", .invalidLength(5)),
        ]
        for (text, error) in cases {
            #expect(Self.decode(Self.ascii(text), implementation, options: .strict) == .failure(error), "\(text)")
        }
        #expect(Self.decode(Self.ascii("QUJDQQ=="), implementation, options: .strict) == .success(Self.ascii("ABCA")))
    }

    // MARK: Padding

    @Test(arguments: implementations)
    func paddingRules(_ implementation: Base64.Implementation) {
        let cases: [(String, Result<[UInt8], Base64Error>)] = [
            ("", .success([])),
            ("QQ==", .success(Self.ascii("A"))),
            ("QUI=", .success(Self.ascii("AB"))),
            ("QUJD", .success(Self.ascii("ABC"))),
            ("QQ", .success(Self.ascii("A"))),
            ("QUI", .success(Self.ascii("AB"))),
            ("QR==", .success(Self.ascii("A"))),  // non-zero trailing bits are accepted
            ("=", .failure(.invalidPadding(offset: 0))),
            ("==", .failure(.invalidPadding(offset: 0))),
            ("Q=", .failure(.invalidPadding(offset: 1))),
            ("Q==", .failure(.invalidPadding(offset: 1))),
            ("QQ=", .failure(.invalidPadding(offset: 2))),  // incomplete padding
            ("QQ===", .failure(.invalidPadding(offset: 4))),
            ("QUI==", .failure(.invalidPadding(offset: 4))),
            ("QUJD=", .failure(.invalidPadding(offset: 4))),
            ("QUJD==", .failure(.invalidPadding(offset: 4))),
            ("QQ=Q", .failure(.invalidPadding(offset: 2))),
            ("QQ==QQ==", .failure(.dataAfterPadding(offset: 4, byte: UInt8(ascii: "Q")))),
            ("QUI=QUJD", .failure(.dataAfterPadding(offset: 4, byte: UInt8(ascii: "Q")))),
            ("QUI=!", .failure(.dataAfterPadding(offset: 4, byte: UInt8(ascii: "!")))),
            ("QUI= ", .failure(.dataAfterPadding(offset: 4, byte: 0x20))),
            ("Q", .failure(.invalidLength(1))),
            ("QUJDQ", .failure(.invalidLength(5))),
        ]
        for (text, expected) in cases {
            #expect(Self.decode(Self.ascii(text), implementation) == expected, "\(text)")
            #expect(Base64Reference.decode(Self.ascii(text)) == expected, "reference: \(text)")
        }
        // Whitespace between and after padding characters, when whitespace is ignored.
        let spaced = Base64.DecodeOptions(ignoreWhitespace: true)
        #expect(Self.decode(Self.ascii("QQ= =\r\n"), implementation, options: spaced) == .success(Self.ascii("A")))
        #expect(Self.decode(Self.ascii("QQ= = ="), implementation, options: spaced) == .failure(.invalidPadding(offset: 6)))
    }

    @Test(arguments: implementations)
    func equalsSignAtEveryPosition(_ implementation: Base64.Implementation) {
        var random = SplitMix64(seed: 6)
        let clean = random.base64Characters(400)
        for position in 0..<clean.count {
            var text = clean
            text[position] = UInt8(ascii: "=")
            let expected: Result<[UInt8], Base64Error>
            switch position % 4 {
            case 0, 1, 2:  // no group can end with one '=' here
                expected = .failure(.invalidPadding(offset: position))
            default:
                if position + 1 < text.count {
                    expected = .failure(.dataAfterPadding(offset: position + 1, byte: text[position + 1]))
                } else {
                    expected = Base64Reference.decode(Array(text.prefix(position)))
                }
            }
            #expect(Self.decode(text, implementation) == expected, "'=' at \(position)")
            #expect(Base64Reference.decode(text) == expected, "reference, '=' at \(position)")
            // "==" at positions that take it, followed by more data or not.
            if position % 4 == 2 && position + 1 < text.count {
                text[position + 1] = UInt8(ascii: "=")
                let twoExpected: Result<[UInt8], Base64Error> = position + 2 < text.count
                    ? .failure(.dataAfterPadding(offset: position + 2, byte: text[position + 2]))
                    : Base64Reference.decode(Array(text.prefix(position)))
                #expect(Self.decode(text, implementation) == twoExpected, "'==' at \(position)")
            }
        }
        #expect(Self.decode(clean + Self.ascii("="), implementation) == .failure(.invalidPadding(offset: 400)))
    }

    // MARK: Data URIs and JSON escapes

    @Test(arguments: implementations)
    func dataURIPrefix(_ implementation: Base64.Implementation) throws {
        let prefix = "data:image/png;base64,"
        #expect(Self.decode(Self.ascii(prefix + "QUJD"), implementation) == .success(Self.ascii("ABC")))
        #expect(Self.decode(Self.ascii("DATA:image/PNG;BASE64,QUI="), implementation) == .success(Self.ascii("AB")))
        #expect(Self.decode(Self.ascii("data:;base64,"), implementation) == .success([]))
        // Offsets count from the start of the header.
        #expect(Self.decode(Self.ascii(prefix + "QU!D"), implementation) == .failure(.invalidByte(offset: 24, byte: UInt8(ascii: "!"))))
        #expect(Self.decode(Self.ascii(prefix + "QQ=Q"), implementation) == .failure(.invalidPadding(offset: 24)))
        #expect(Self.decode(Self.ascii("data:image/png,QUJD"), implementation) == .failure(.invalidDataURI(offset: 14)))
        #expect(Self.decode(Self.ascii("data:image/png;base64"), implementation) == .failure(.invalidDataURI(offset: 21)))
        #expect(Self.decode(Self.ascii(prefix + "QUJD"), implementation, options: .init(allowDataURIPrefix: false))
                == .failure(.invalidByte(offset: 4, byte: UInt8(ascii: ":"))))
        // A long payload behind a header goes through the SIMD blocks at an odd offset.
        var random = SplitMix64(seed: 7)
        let bytes = random.bytes(10_000)
        let uri = Base64.dataURI(bytes, mediaType: "image/png")
        #expect(uri.hasPrefix(prefix))
        #expect(try Base64.decode(uri, implementation: implementation) == bytes)
    }

    @Test(arguments: implementations)
    func jsonEscapedSlashes(_ implementation: Base64.Implementation) {
        #expect(Self.decode(Self.ascii("\\/\\/\\/\\/"), implementation) == Self.decode(Self.ascii("////"), implementation))
        #expect(Self.decode(Self.ascii("\\/\\/\\/\\/"), implementation) == .success([0xFF, 0xFF, 0xFF]))
        #expect(Self.decode(Self.ascii("QU\\/D"), implementation) == Self.decode(Self.ascii("QU/D"), implementation))
        #expect(Self.decode(Self.ascii("QUJD\\nQUJD"), implementation) == .failure(.invalidByte(offset: 4, byte: 0x5C)))
        #expect(Self.decode(Self.ascii("QUJD\\"), implementation) == .failure(.invalidByte(offset: 4, byte: 0x5C)))
        #expect(Self.decode(Self.ascii("QUJD\\\\/"), implementation) == .failure(.invalidByte(offset: 4, byte: 0x5C)))
        #expect(Self.decode(Self.ascii("QUJD\\/"), implementation, options: .init(unescapeJSONSlashes: false))
                == .failure(.invalidByte(offset: 4, byte: 0x5C)))
        // A backslash that is not an escape, far into a long text: exact offset.
        var random = SplitMix64(seed: 8)
        var text = random.base64Characters(1000).map { $0 == UInt8(ascii: "/") ? UInt8(ascii: "+") : $0 }
        text.insert(contentsOf: Self.ascii("\\/"), at: 500)
        text.insert(contentsOf: Self.ascii("\\\""), at: 700)
        #expect(Self.decode(text, implementation) == .failure(.invalidByte(offset: 700, byte: 0x5C)))
    }

    // MARK: Real payloads

    /// The four `b64_json` strings of the corpus's images response, in order.
    static func responsePayloads() throws -> [String] {
        let json = try Data(contentsOf: TestData.corpus.appendingPathComponent("response-n4.json"))
        let object = try #require(try JSONSerialization.jsonObject(with: json) as? [String: Any])
        let items = try #require(object["data"] as? [[String: Any]])
        return try items.map { try #require($0["b64_json"] as? String) }
    }

    static let responsePNGs = [
        "s01_evening-glow_1024x1024.png", "s02_fallen-leaf_1024x1024.png",
        "s03_colorful-cups_1024x1024.png", "s04_ladybird_1024x1024.png",
    ]

    @Test(arguments: implementations)
    func responsePayloadsDecodeToTheCorpusPNGs(_ implementation: Base64.Implementation) throws {
        let payloads = try Self.responsePayloads()
        #expect(payloads.count == 4)
        for (payload, name) in zip(payloads, Self.responsePNGs) {
            let png = try TestData.bytes(TestData.corpus.appendingPathComponent(name))
            let decoded = try Base64.decode(payload, implementation: implementation)
            #expect(decoded == png, "\(name)")
            let foundation = try #require(Data(base64Encoded: payload))
            #expect(decoded == [UInt8](foundation), "\(name) vs Foundation")
            // Straight into an exactly sized buffer.
            var buffer = [UInt8](repeating: 0, count: png.count)
            let written = try buffer.withUnsafeMutableBytes { out throws(Base64Error) -> Int in
                try Base64.decode(Array(payload.utf8), into: out, implementation: implementation)
            }
            #expect(written == png.count)
            #expect(buffer == png, "\(name) into buffer")
        }
    }

    // MARK: Buffers and inputs

    @Test(arguments: implementations)
    func decodeIntoBuffer(_ implementation: Base64.Implementation) throws {
        var random = SplitMix64(seed: 9)
        for length in [0, 1, 2, 3, 100, 1000, 5000] {
            let bytes = random.bytes(length)
            let text = Self.ascii(Data(bytes).base64EncodedString())
            #expect(Base64.maxDecodedCount(forEncodedCount: text.count) >= length)
            var exact = [UInt8](repeating: 0, count: length)
            let written = try exact.withUnsafeMutableBytes { out throws(Base64Error) -> Int in
                try Base64.decode(text, into: out, implementation: implementation)
            }
            #expect(written == length)
            #expect(exact == bytes)
            if length > 0 {
                var short = [UInt8](repeating: 0, count: length - 1)
                #expect(throws: Base64Error.outputTooSmall(capacity: length - 1)) {
                    try short.withUnsafeMutableBytes { out throws(Base64Error) -> Int in
                        try Base64.decode(text, into: out, implementation: implementation)
                    }
                }
            }
        }
        #expect(Base64.maxDecodedCount(forEncodedCount: 0) == 0)
        #expect(Base64.maxDecodedCount(forEncodedCount: 5) == 3)
        #expect(Base64.maxDecodedCount(forEncodedCount: 7) == 5)
    }

    @Test func everyInputTypeDecodesAlike() throws {
        var random = SplitMix64(seed: 10)
        let bytes = random.bytes(3000)
        let string = Data(bytes).base64EncodedString()
        let array = Self.ascii(string)
        #expect(try Base64.decode(string) == bytes)
        #expect(try Base64.decode(array) == bytes)
        #expect(try Base64.decode(string.utf8) == bytes)
        #expect(try Base64.decode(Data(array)) == bytes)
        #expect(try Base64.decode(array[...]) == bytes)
        #expect(try Base64.decode(AnyCollection(array)) == bytes)  // not contiguous: copied
        #expect(try array.withUnsafeBytes { raw throws(Base64Error) in try Base64.decode(raw) } == bytes)
        // A Swift String that is not natively UTF-8 (bridged or lazily built) still decodes.
        let substring = ("x" + string).dropFirst()
        #expect(try Base64.decode(String(substring)) == bytes)
    }

    // MARK: Messages

    @Test func errorMessagesNameOffsetAndByte() {
        let dash = Base64Error.invalidByte(offset: 17, byte: UInt8(ascii: "-")).description
        #expect(dash.contains("offset 17") && dash.contains("0x2D '-'") && dash.contains("URL-safe"))
        let newline = Base64Error.invalidByte(offset: 76, byte: 0x0A).description
        #expect(newline.contains("0x0A") && newline.contains("ignoreWhitespace"))
        #expect(Base64Error.invalidPadding(offset: 9).description.contains("offset 9"))
        #expect(Base64Error.dataAfterPadding(offset: 4, byte: 0x51).description.contains("0x51 'Q' at offset 4"))
        #expect(Base64Error.invalidLength(5).description.contains("5 characters"))
        #expect(Base64Error.missingPadding(offset: 6).description.contains("allowMissingPadding"))
        #expect(Base64Error.invalidDataURI(offset: 14).description.contains(";base64,"))
        #expect(Base64Error.outputTooSmall(capacity: 2).description.contains("maxDecodedCount"))
    }

    // MARK: Encoding

    @Test func encoderMatchesFoundation() {
        var random = SplitMix64(seed: 11)
        for length in Array(0...300) + [65_537, 1 << 20] {
            let bytes = random.bytes(length)
            let expected = Data(bytes).base64EncodedString()
            #expect(Base64.encode(bytes) == expected, "length \(length)")
            #expect(Base64.encodedBytes(bytes) == Self.ascii(expected), "length \(length)")
            #expect(Base64.encodedCount(forByteCount: length) == expected.utf8.count)
        }
        #expect(Base64.encode(Self.ascii("foobar")) == "Zm9vYmFy")
        #expect(Base64.dataURI(Self.ascii("fo"), mediaType: "image/png") == "data:image/png;base64,Zm8=")
    }

    @Test(arguments: implementations)
    func encodeDecodeRoundTrip(_ implementation: Base64.Implementation) throws {
        var random = SplitMix64(seed: 12)
        for length in [0, 1, 2, 3, 47, 48, 95, 96, 97, 191, 192, 193, 4095, 100_000] {
            let bytes = random.bytes(length)
            #expect(try Base64.decode(Base64.encode(bytes), implementation: implementation) == bytes)
        }
    }
}
