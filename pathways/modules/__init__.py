"""One module per pathway; each turns its levers into its part of the model."""
