// The sender behind `reqlint send`: it turns a request document that linted clean into the
// HTTP request its operation's pack describes (RequestBuilder), finds the endpoint
// (EndpointResolver, EndpointURL), the region and credentials as the AWS CLI does
// (AWSSharedConfig, CredentialChain), signs it with ReqLintSigV4 and sends it with the AWS
// standard retry mode (Sender, RetryStrategy); ServiceErrorParser and ValidationPathMapper
// turn a service's answer back into positions in the file. Nothing here lints or prints:
// the command in Sources/reqlint does that, so the never-send-dirty promise lives in one place.
