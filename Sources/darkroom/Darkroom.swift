import ArgumentParser

/// The `darkroom` command: develops AI-generated images into finished assets.
@main
struct Darkroom: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "darkroom",
        abstract: "Develop AI-generated images into finished assets.",
        subcommands: [
            RunCommand.self, InfoCommand.self, ConvertCommand.self, ThumbnailCommand.self, GenerateCommand.self, ModelsCommand.self,
            BenchCommand.self,
        ]
    )

    /// Runs the command line, letting `--sharpen` stand without its amount.
    static func main() async {
        await main(Self.expandingBareSharpen(Array(CommandLine.arguments.dropFirst())))
    }

    /// `--sharpen` not followed by a number becomes `--sharpen=1` (sharp's default
    /// strength), so the amount is optional as in sharp's CLI.
    static func expandingBareSharpen(_ arguments: [String]) -> [String] {
        var out: [String] = []
        for (i, argument) in arguments.enumerated() {
            if argument == "--sharpen", i + 1 >= arguments.count || Double(arguments[i + 1]) == nil {
                out.append("--sharpen=1")
            } else {
                out.append(argument)
            }
        }
        return out
    }
}
