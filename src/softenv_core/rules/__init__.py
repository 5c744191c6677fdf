"""The city baseline rules (version 2022-03-01), registered as the plugin ``city``."""
