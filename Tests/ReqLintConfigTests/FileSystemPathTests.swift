import ReqLintConfig
import Testing

struct FileSystemPathTests {
    @Test func absolutePathsResolveDotsLexically() {
        let cases: [(path: String, base: String, expected: String)] = [
            ("/a/b/../c/./d", "/w", "/a/c/d"), ("x/y", "/base", "/base/x/y"), ("../..", "/a", "/"), ("/", "/w", "/"),
            ("a//b/", "/w", "/w/a/b"), ("", "/w", "/w"), ("/.../x", "/w", "/.../x"), ("..a/b..", "/w", "/w/..a/b.."),
            ("é/ü/../ß.json", "/wörk", "/wörk/é/ß.json"), ("./r.json", "/", "/r.json"),
        ]
        for (path, base, expected) in cases {
            #expect(FileSystem.absolute(path, from: base) == expected, "\(path) from \(base)")
        }
    }
}
