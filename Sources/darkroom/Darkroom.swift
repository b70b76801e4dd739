import ArgumentParser

/// The `darkroom` command: develops AI-generated images into finished assets.
@main
struct Darkroom: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "darkroom",
        abstract: "Develop AI-generated images into finished assets.",
        subcommands: [InfoCommand.self, ConvertCommand.self, GenerateCommand.self, ModelsCommand.self, BenchCommand.self]
    )
}
