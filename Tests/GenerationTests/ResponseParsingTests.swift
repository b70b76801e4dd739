import Generation
import Testing

/// Lenient reading of the images API's answers and error bodies.
@Suite struct ResponseParsingTests {
    @Test func readsTheDocumentedShapesLeniently() throws {
        let nullType = try ImagesResponse.parse(Array(#"{"id":"a","model":"m","object":"list","data":[{"index":0,"b64_json":"iVBORw0KGgo=","type":null,"timings":{"inference":0.7}}]}"#.utf8))
        #expect(nullType.data[0].type == nil && nullType.data[0].b64JSON == "iVBORw0KGgo=")
        #expect(nullType.data[0].timings == .object(["inference": .number(0.7)]))

        let urlOnly = try ImagesResponse.parse(Array(#"{"id":"b","model":"m","data":[{"url":"https://api.together.ai/shrt/abc"},{"url":"https://x/y","index":5}],"extra":1}"#.utf8))
        #expect(urlOnly.object == nil)
        #expect(urlOnly.data.map(\.index) == [0, 5])
        #expect(urlOnly.data[0].url == "https://api.together.ai/shrt/abc")
    }

    @Test(arguments: [
        ("<html>502 Bad Gateway</html>", "not an images JSON body"),
        (#"{"id":"x","data":[]}"#, "no images"),
        (#"{"id":"x","data":[{"index":0,"type":"b64_json"}]}"#, "neither `b64_json` nor `url`"),
        (#"{"id":"x"}"#, "missing `data`"),
        ("", "not an images JSON body"),
    ])
    func refusesWhatIsNotAnAnswer(body: String, expected: String) throws {
        let error = try #require(throws: GenerationError.self) { try ImagesResponse.parse(Array(body.utf8)) }
        guard case let .malformedResponse(message) = error else {
            Issue.record("wrong error \(error)")
            return
        }
        #expect(message.contains(expected), "\(message)")
    }

    @Test func readsErrorBodies() {
        let body = APIErrorBody(Array(#"{"id":"r1","error":{"message":"Unsupported use of 'image_url' parameter.","type":"invalid_request_error","param":null,"code":null}}"#.utf8))
        #expect(body.message == "Unsupported use of 'image_url' parameter." && body.type == "invalid_request_error" && body.code == nil)
        #expect(body.summary == "Unsupported use of 'image_url' parameter. [invalid_request_error]")
        #expect(APIErrorBody(Array("upstream timed out".utf8)).message == "upstream timed out")
        #expect(APIErrorBody([]).message == "(empty body)")
    }
}
