import Pipeline
import Testing

@Test func versionIsSet() { #expect(!PipelineVersion.current.isEmpty) }
