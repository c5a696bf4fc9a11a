// The sender: see RequestBuilder, CredentialChain, Sender.
