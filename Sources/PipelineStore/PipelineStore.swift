// Placeholder: the state store lands here.
