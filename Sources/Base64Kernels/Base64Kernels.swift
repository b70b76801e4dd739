// Base64 cores (portable build).
