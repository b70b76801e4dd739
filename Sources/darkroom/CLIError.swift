/// A failure of one input or output, reported on stderr with the name it concerns.
struct CLIError: Error, CustomStringConvertible {
    /// The file or item the error is about.
    let subject: String
    /// What was wrong, in words a user can act on.
    let message: String

    var description: String { "\(subject): \(message)" }
}
