import ReqLintConfig
import Testing

struct RequestDocumentReaderTests {
    @Test func yamlIsToldByTheNameThenByTheContent() {
        let yaml = Array("JobName: x\n".utf8), json = Array("  {\"JobName\": \"x\"}".utf8)
        #expect(RequestDocumentReader.isYAML("requests/job.yaml") && RequestDocumentReader.isYAML("job.yml") && RequestDocumentReader.isYAML("dir/.yml"))
        #expect(!RequestDocumentReader.isYAML("job.YAML") && !RequestDocumentReader.isYAML("job.json") && !RequestDocumentReader.isYAML("yaml"))
        #expect(RequestDocumentReader.isYAML("job.json.yaml", bytes: json))
        #expect(!RequestDocumentReader.isYAML("requests/job.json", bytes: yaml), "a name with an extension is believed")
        #expect(RequestDocumentReader.isYAML("requests.d/Jobfile", bytes: yaml), "a name without one is read by its content")
        #expect(!RequestDocumentReader.isYAML("requests.d/Jobfile", bytes: json))
        #expect(RequestDocumentReader.isYAML("-", bytes: yaml) && !RequestDocumentReader.isYAML("-", bytes: json))
        #expect(RequestDocumentReader.isYAML("requests/.hidden", bytes: yaml), "a leading dot is no extension")
        #expect(RequestDocumentReader.isYAML("a/Jobfile/", bytes: yaml) && !RequestDocumentReader.isYAML("a/job.json/", bytes: yaml))
        #expect(!RequestDocumentReader.isYAML("", bytes: yaml) && !RequestDocumentReader.isYAML("///", bytes: yaml))
        #expect(RequestDocumentReader.isYAML("é/jöb", bytes: yaml) && !RequestDocumentReader.isYAML("é/jöb.json", bytes: yaml))
    }
}
