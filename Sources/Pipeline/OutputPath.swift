#if canImport(Glibc)
import Glibc
#endif

/// Checks that a relative output path stays inside the output folder: no absolute path,
/// no `..` component, and no existing component that is a symbolic link.
public enum OutputPath {
    /// Why `relative` would leave `folder`, or `nil` when it stays inside.
    public static func escape(_ relative: String, in folder: String) -> String? {
        if relative.hasPrefix("/") { return "it is an absolute path" }
        let parts = relative.split(separator: "/", omittingEmptySubsequences: true)
        if parts.isEmpty { return "the name is empty" }
        if parts.contains("..") { return "it climbs out with `..`" }
        var current = folder
        for part in parts {
            current += "/" + part
            var info = stat()
            if lstat(current, &info) == 0, info.st_mode & S_IFMT == S_IFLNK { return "\(current) is a symbolic link" }
        }
        return nil
    }
}
