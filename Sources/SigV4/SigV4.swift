/// Placeholder: the SigV4 signer lands here.
