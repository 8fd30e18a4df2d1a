"""One module per packet section; each turns a case into blocks."""
