"""One module per kind of fact extracted from the section tree."""
