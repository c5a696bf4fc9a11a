import ReqLintCore
import Testing

struct OperationIDTests {
    @Test func parsesServiceColonOperationAndNothingElse() {
        #expect(OperationID("sagemaker:CreateInferenceExperiment") == OperationID(service: "sagemaker", name: "CreateInferenceExperiment"))
        #expect(OperationID("é:ü") == OperationID(service: "é", name: "ü"))
        for bad in ["", ":", "sagemaker", ":Create", "sagemaker:", "a:b:c", "a::b"] {
            #expect(OperationID(bad) == nil, "\(bad)")
        }
        #expect(OperationID("a:b")?.description == "a:b")
    }
}
