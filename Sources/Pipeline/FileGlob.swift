#if canImport(Glibc)
import Glibc
#endif

/// Shell-style file patterns (`*.png`, `photos/?.jpg`), expanded with the C library's `glob`.
enum FileGlob {
    /// The regular files matching `pattern`, sorted; a folder matches its image files.
    static func expand(_ pattern: String) -> [String] {
        var result = glob_t()
        defer { globfree(&result) }
        guard glob(pattern, 0, nil, &result) == 0 else { return [] }
        var paths: [String] = []
        for i in 0..<Int(result.gl_pathc) {
            guard let p = result.gl_pathv[i] else { continue }
            let path = String(cString: p)
            var info = stat()
            guard stat(path, &info) == 0 else { continue }
            if info.st_mode & S_IFMT == S_IFDIR {
                for ext in ["png", "jpg", "jpeg", "webp"] { paths += expand(path + "/*." + ext) }
            } else if info.st_mode & S_IFMT == S_IFREG {
                paths.append(path)
            }
        }
        return paths.sorted()
    }
}
